import { spawn, type ChildProcess } from 'node:child_process';
import type { Writable } from 'node:stream';
import type { ServiceName } from '@shipyard/contracts';
import { LinePrefixer, prefixFor } from './line-prefixer';
import { LAUNCHER_PID_ENV, orphanGuardArgs } from './orphan-guard';
import { instanceOf, type ServiceSpec } from './service-plan';

export interface ServiceExit {
  name: ServiceName;
  /** The process as the launcher names it: the service, or `agent-developer#2` for a further replica. */
  instance: string;
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
 * How a child that dies on its own is brought back once the platform is up, as a process manager or
 * Kubernetes would: after a delay that doubles with each recent restart, up to `maxRestarts` within
 * `windowMs`; one more crash inside the window is a crash loop, and the supervisor gives up on it.
 */
export interface RestartPolicy {
  maxRestarts: number;
  windowMs: number;
  firstDelayMs: number;
  maxDelayMs: number;
}

export interface RestartNotice {
  exit: ServiceExit;
  /** Restarts of this instance within the policy's window, this one included. */
  attempt: number;
  delayMs: number;
}

/** One child process: the spec it runs, its colour position, the process now and when it exits. */
interface Slot {
  spec: ServiceSpec;
  index: number;
  child: ChildProcess;
  exit: Promise<ServiceExit>;
  /** When recent restarts were scheduled, oldest first. */
  restarts: number[];
  pendingRestart?: NodeJS.Timeout;
}

/**
 * Runs services as child processes and stops them together. A child that exits while nobody asked it to is
 * reported once through `crashed`, so the launcher can name it and stop the rest; once `restartCrashed` is
 * called (after startup), such a child is started again instead, and only a crash loop is reported. Exits
 * during stopAll are expected and stay quiet.
 */
export class Supervisor {
  private readonly slots = new Map<string, Slot>();
  private stopping = false;
  private width = 0;
  private restartPolicy: RestartPolicy | undefined;
  private onRestart: (notice: RestartNotice) => void = () => undefined;
  private reportCrash: (exit: ServiceExit) => void = () => undefined;

  /** Settles with the first exit that is not restarted; stays pending while every child runs or is being stopped. */
  readonly crashed: Promise<ServiceExit> = new Promise((resolve) => {
    this.reportCrash = resolve;
  });

  constructor(private readonly options: SupervisorOptions) {}

  start(specs: ServiceSpec[]): void {
    this.width = Math.max(this.width, ...specs.map((spec) => instanceOf(spec).length));
    for (const spec of specs) {
      const index = this.slots.size;
      const slot: Slot = { spec, index, restarts: [], ...this.launch(spec, index, () => slot) };
      this.slots.set(instanceOf(spec), slot);
    }
  }

  /** From now on a child that dies on its own is started again, within `policy`. */
  restartCrashed(policy: RestartPolicy, onRestart: (notice: RestartNotice) => void = () => undefined): void {
    this.restartPolicy = policy;
    this.onRestart = onRestart;
  }

  private launch(spec: ServiceSpec, index: number, slotOf: () => Slot): Pick<Slot, 'child' | 'exit'> {
    const instance = instanceOf(spec);
    const args = ['--enable-source-maps', ...spec.nodeFlags, ...orphanGuardArgs(), spec.entry];
    const child = spawn(process.execPath, args, {
      env: { ...this.options.env, ...spec.env, [LAUNCHER_PID_ENV]: String(process.pid) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const prefix = prefixFor(instance, index, this.width, this.options.colour);
    child.stdout?.pipe(new LinePrefixer(prefix)).pipe(this.options.stdout, { end: false });
    child.stderr?.pipe(new LinePrefixer(prefix)).pipe(this.options.stderr, { end: false });
    const exit = new Promise<ServiceExit>((resolve) => {
      // 'close' rather than 'exit': by then the child's output has been flushed through the prefixer.
      child.once('close', (code, signal) => {
        const exited = { name: spec.name, instance, code, signal };
        resolve(exited);
        if (!this.stopping) this.unexpectedExit(slotOf(), exited);
      });
      child.once('error', (error) => {
        this.options.stderr.write(`${prefix}could not be spawned: ${error.message}\n`);
      });
    });
    return { child, exit };
  }

  private unexpectedExit(slot: Slot, exit: ServiceExit): void {
    const policy = this.restartPolicy;
    if (!policy) return this.reportCrash(exit);
    const now = Date.now();
    slot.restarts = slot.restarts.filter((at) => now - at < policy.windowMs);
    if (slot.restarts.length >= policy.maxRestarts) return this.reportCrash(exit);
    slot.restarts.push(now);
    const attempt = slot.restarts.length;
    const delayMs = Math.min(policy.firstDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
    this.onRestart({ exit, attempt, delayMs });
    slot.pendingRestart = setTimeout(() => {
      slot.pendingRestart = undefined;
      if (!this.stopping)
        Object.assign(
          slot,
          this.launch(slot.spec, slot.index, () => slot),
        );
    }, delayMs);
  }

  private running(): Slot[] {
    return [...this.slots.values()].filter(
      ({ child }) => child.exitCode === null && child.signalCode === null,
    );
  }

  /** Immediate SIGKILL to every child still running: for a second Ctrl-C that will not wait. */
  killAll(): void {
    this.stopping = true;
    for (const slot of this.slots.values()) clearTimeout(slot.pendingRestart);
    for (const { child } of this.running()) child.kill('SIGKILL');
  }

  /** The current process of an instance (a service's name for its first replica). */
  pidOf(instance: string): number | undefined {
    return this.slots.get(instance)?.child.pid;
  }

  /** Signals one child as if it had died on its own (tests use it to provoke a crash or a restart). */
  kill(instance: string, signal: NodeJS.Signals): void {
    this.slots.get(instance)?.child.kill(signal);
  }

  /**
   * SIGTERM to every running child, then SIGKILL to any still running after `graceMs`. Resolves once all
   * have exited, with the instances that had to be killed. A restart still waiting for its delay is dropped.
   */
  async stopAll(graceMs: number): Promise<string[]> {
    this.stopping = true;
    for (const slot of this.slots.values()) clearTimeout(slot.pendingRestart);
    const running = this.running();
    for (const { child } of running) child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
    });
    await Promise.race([grace, Promise.all(running.map((slot) => slot.exit))]);
    clearTimeout(timer);
    const killed: string[] = [];
    for (const slot of running) {
      if (slot.child.exitCode === null && slot.child.signalCode === null) {
        killed.push(instanceOf(slot.spec));
        slot.child.kill('SIGKILL');
      }
    }
    await Promise.all([...this.slots.values()].map((slot) => slot.exit));
    return killed;
  }
}
