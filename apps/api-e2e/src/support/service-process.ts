import { spawn, type ChildProcess } from 'node:child_process';
import { NODE, REPO_ROOT } from './private-dist';

const STOP_DEADLINE_MS = 10_000;
const OUTPUT_TAIL_CHARS = 8_000;

const running = new Set<ChildProcess>();
// If the test worker dies without afterAll, its services must not outlive it.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** One service started from a built entry point, with the tail of its output kept for failure messages. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export class ServiceProcess {
  private child: ChildProcess | undefined;
  private output = '';
  private exit: Promise<Exit> | undefined;

  constructor(
    readonly name: string,
    private readonly entry: string,
    private readonly env: Record<string, string>,
    /** V8 flags before the entry, as the service is deployed with (ServiceNodeFlags). */
    private readonly nodeFlags: readonly string[] = [],
  ) {}

  start(): void {
    if (this.child) throw new Error(`${this.name} is already running`);
    const child = spawn(NODE, ['--enable-source-maps', ...this.nodeFlags, this.entry], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', TZ: 'UTC', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer): void => {
      this.output = (this.output + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exit = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        running.delete(child);
        resolve({ code, signal });
      }),
    );
    running.add(child);
    this.child = child;
  }

  /** Resolves with how the process ended; for specs of the start and stop behaviour itself. */
  exited(): Promise<Exit> {
    if (!this.exit) throw new Error(`${this.name} was never started`);
    return this.exit;
  }

  /** Sends a signal and leaves the process to react (stop() is the forceful, always-ends variant). */
  signal(signal: NodeJS.Signals): void {
    this.child?.kill(signal);
  }

  get exitCode(): number | null {
    return this.child?.exitCode ?? null;
  }

  /** What the service printed last: attached to errors so a failed start explains itself. */
  get recentOutput(): string {
    return this.output;
  }

  /** Freeze it (SIGSTOP): it keeps its NATS subscriptions but answers nothing, like a hung process. */
  freeze(): void {
    this.child?.kill('SIGSTOP');
  }

  thaw(): void {
    this.child?.kill('SIGCONT');
  }

  /** SIGTERM, then SIGKILL if it has not exited by the deadline; resolves once it is gone. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGCONT');
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_DEADLINE_MS);
    await exited;
    clearTimeout(timer);
  }
}
