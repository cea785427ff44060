import { spawn, type ChildProcess } from 'node:child_process';
import type { Writable } from 'node:stream';
import type { ServiceName } from '@shipyard/contracts';
import { LinePrefixer, prefixFor } from './line-prefixer';
import type { ServiceSpec } from './service-plan';

export interface ServiceExit {
  name: ServiceName;
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface SupervisorOptions {
  /** The environment every child inherits; each spec adds its own variables on top. */
  env: NodeJS.ProcessEnv;
  stdout: Writable;
  stderr: Writable;
  colour: boolean;
}

/**
 * Runs services as child processes and stops them together. A child that exits while nobody asked it to is
 * reported once through `crashed`, so the launcher can name it and stop the rest; exits during stopAll are
 * expected and stay quiet.
 */
export class Supervisor {
  private readonly children = new Map<ServiceName, ChildProcess>();
  private readonly exits = new Map<ServiceName, Promise<ServiceExit>>();
  private stopping = false;
  private reportCrash: (exit: ServiceExit) => void = () => undefined;

  /** Settles with the first unexpected exit; stays pending while every child runs or is being stopped. */
  readonly crashed: Promise<ServiceExit> = new Promise((resolve) => {
    this.reportCrash = resolve;
  });

  constructor(private readonly options: SupervisorOptions) {}

  start(specs: ServiceSpec[]): void {
    const width = Math.max(...specs.map((spec) => spec.name.length));
    specs.forEach((spec, index) => {
      const child = spawn(process.execPath, ['--enable-source-maps', ...spec.nodeFlags, spec.entry], {
        env: { ...this.options.env, ...spec.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const prefix = prefixFor(spec.name, index, width, this.options.colour);
      child.stdout?.pipe(new LinePrefixer(prefix)).pipe(this.options.stdout, { end: false });
      child.stderr?.pipe(new LinePrefixer(prefix)).pipe(this.options.stderr, { end: false });
      this.children.set(spec.name, child);
      this.exits.set(
        spec.name,
        new Promise((resolve) => {
          // 'close' rather than 'exit': by then the child's output has been flushed through the prefixer.
          child.once('close', (code, signal) => {
            const exit = { name: spec.name, code, signal };
            if (!this.stopping) this.reportCrash(exit);
            resolve(exit);
          });
          child.once('error', (error) => {
            this.options.stderr.write(`${prefix}could not be spawned: ${error.message}\n`);
          });
        }),
      );
    });
  }

  /** Immediate SIGKILL to every child still running: for a second Ctrl-C that will not wait. */
  killAll(): void {
    this.stopping = true;
    for (const child of this.children.values()) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  }

  private exitOf(name: ServiceName): Promise<ServiceExit | undefined> {
    return this.exits.get(name) ?? Promise.resolve(undefined);
  }

  pidOf(name: ServiceName): number | undefined {
    return this.children.get(name)?.pid;
  }

  /** Stops one child as if it had died on its own (tests use it to provoke a crash report). */
  kill(name: ServiceName, signal: NodeJS.Signals): void {
    this.children.get(name)?.kill(signal);
  }

  /**
   * SIGTERM to every running child, then SIGKILL to any still running after `graceMs`. Resolves once all
   * have exited, with the names of those that had to be killed.
   */
  async stopAll(graceMs: number): Promise<ServiceName[]> {
    this.stopping = true;
    const running = [...this.children].filter(
      ([, child]) => child.exitCode === null && child.signalCode === null,
    );
    for (const [, child] of running) child.kill('SIGTERM');
    const killed: ServiceName[] = [];
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
    });
    await Promise.race([grace, Promise.all(running.map(([name]) => this.exitOf(name)))]);
    clearTimeout(timer);
    for (const [name, child] of running) {
      if (child.exitCode === null && child.signalCode === null) {
        killed.push(name);
        child.kill('SIGKILL');
      }
    }
    await Promise.all([...this.exits.values()]);
    return killed;
  }
}
