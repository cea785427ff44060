import { fork, type ChildProcess } from 'node:child_process';
import type { PlannedTask } from '@shipyard/contracts';
import type { JobTopology } from '@shipyard/shared/jetstream';
import type { BenchWorkersCommand, BenchWorkersReply } from './bench-workers.child';

/** BenchWorkers in a child process (its entry point: bench-workers.child.ts), with the same start/gaps/stop. */
export class BenchWorkersProcess {
  private child: ChildProcess | null = null;

  constructor(
    private readonly natsUrl: string,
    private readonly topology: JobTopology,
    private readonly plan: PlannedTask[],
    private readonly latencyMs = 0,
  ) {}

  async start(concurrency: number): Promise<void> {
    this.child = fork(new URL('./bench-workers.child.js', import.meta.url), [], {
      // The parent's node flags, so that a profiling or GC-tracing flag given to the bench reaches both.
      execArgv: [...new Set(['--enable-source-maps', ...process.execArgv])],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    await this.ask(
      {
        type: 'start',
        natsUrl: this.natsUrl,
        topology: this.topology,
        plan: this.plan,
        concurrency,
        latencyMs: this.latencyMs,
      },
      'started',
    );
  }

  async resetGaps(): Promise<void> {
    await this.ask({ type: 'reset-gaps' }, 'reset');
  }

  /** Result PubAck -> next job of the same run at a worker, ms, as measured in the workers' process. */
  async gaps(): Promise<number[]> {
    const reply = await this.ask({ type: 'gaps' }, 'gaps');
    return reply.type === 'gaps' ? reply.gaps : [];
  }

  async stop(): Promise<void> {
    if (!this.child) return;
    await this.ask({ type: 'stop' }, 'stopped');
    this.child = null;
  }

  private ask(command: BenchWorkersCommand, expect: BenchWorkersReply['type']): Promise<BenchWorkersReply> {
    const child = this.child;
    if (!child) return Promise.reject(new Error('bench workers are not running'));
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`bench workers exited with ${code}`));
      const onMessage = (message: BenchWorkersReply) => {
        if (message.type !== expect) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(message);
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send(command);
    });
  }
}
