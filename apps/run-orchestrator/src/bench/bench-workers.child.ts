/**
 * The benchmark's scripted agents as a process of their own, as the agent services run beside the
 * orchestrator: their CPU (validating jobs, publishing results, acks) is not on the orchestrator's event loop,
 * and the orchestrator's CPU figures are its own. Driven over IPC by BenchWorkersProcess.
 */
import 'reflect-metadata';
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { PlannedTask } from '@shipyard/contracts';
import type { JobTopology } from '@shipyard/shared/jetstream';
import { BenchWorkers } from './bench-workers';

export type BenchWorkersCommand =
  | {
      type: 'start';
      natsUrl: string;
      topology: JobTopology;
      plan: PlannedTask[];
      concurrency: number;
      latencyMs: number;
    }
  | { type: 'reset-gaps' }
  | { type: 'gaps' }
  | { type: 'stop' };

export type BenchWorkersReply =
  { type: 'started' } | { type: 'reset' } | { type: 'gaps'; gaps: number[] } | { type: 'stopped' };

let workers: BenchWorkers | null = null;
let close: (() => Promise<void>) | null = null;
const reply = (message: BenchWorkersReply) => process.send?.(message);

process.on('message', (command: BenchWorkersCommand) => {
  void (async () => {
    switch (command.type) {
      case 'start': {
        const nc = await connect({ servers: command.natsUrl, noAsyncTraces: true });
        workers = new BenchWorkers(jetstream(nc), command.topology, command.plan, command.latencyMs);
        await workers.start(command.concurrency);
        close = () => nc.close();
        reply({ type: 'started' });
        return;
      }
      case 'reset-gaps':
        workers?.resetGaps();
        reply({ type: 'reset' });
        return;
      case 'gaps':
        reply({ type: 'gaps', gaps: [...(workers?.gaps ?? [])] });
        return;
      case 'stop':
        await workers?.stop();
        await close?.();
        reply({ type: 'stopped' });
        process.disconnect();
        return;
    }
  })().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
});
