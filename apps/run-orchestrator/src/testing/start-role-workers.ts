import type { JetStreamClient } from '@nats-io/jetstream';
import { AgentRoles, type AgentJob } from '@shipyard/contracts';
import { JobWorker, type ConsumerStartOptions, type JobTopology } from '@shipyard/shared/jetstream';

/** One JobWorker per agent role on the topology's job consumers, all started with the same options. */
export async function startRoleWorkers(
  js: JetStreamClient,
  topology: JobTopology,
  options: Omit<ConsumerStartOptions<AgentJob>, 'stream' | 'consumer'>,
): Promise<JobWorker<AgentJob>[]> {
  const workers: JobWorker<AgentJob>[] = [];
  for (const role of AgentRoles) {
    const worker = new JobWorker<AgentJob>(js, { prefix: topology.prefix });
    await worker.start({
      ...options,
      stream: topology.streams.jobs,
      consumer: topology.consumers.jobs[role] as string,
    });
    workers.push(worker);
  }
  return workers;
}
