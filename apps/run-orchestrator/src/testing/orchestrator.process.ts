import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { nodeFlagsOf } from '@shipyard/contracts';
import { REPO_ROOT } from './private-build';

/** The orchestrator service as a child process on Node 24 with its V8 flags, so a spec can SIGKILL it mid-run. */
export class OrchestratorProcess {
  private child: ChildProcess | null = null;
  private readonly stderr: string[] = [];

  constructor(
    private readonly main: string,
    private readonly env: Record<string, string>,
  ) {}

  start(): void {
    const child = spawn(
      join(REPO_ROOT, 'node_modules/.bin/node'),
      [...nodeFlagsOf('run-orchestrator'), this.main],
      {
        env: { PATH: process.env['PATH'] ?? '', ...this.env },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    child.stderr?.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    this.child = child;
  }

  /** What the process wrote to stderr (shown when a spec fails). */
  errors(): string {
    return this.stderr.join('').slice(-4000);
  }

  /** SIGKILL: no shutdown hook runs, leases stay until they expire. Resolves once the process is gone. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGKILL');
    await exited;
  }
}
