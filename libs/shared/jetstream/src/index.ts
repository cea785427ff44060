/**
 * JetStream job transport: topology (streams and durable pull consumers), a deduplicating publisher, and
 * pull-consumer loops for agents (JobWorker), the orchestrator (ResultConsumer) and dead letters.
 */
export * from './naming/jetstream.naming';
export * from './retry/retry.backoff';
export * from './topology/job-topology.options';
export * from './topology/job-streams.topology';
export * from './publish/json.publisher';
export * from './publish/job.publisher';
export * from './publish/message.headers';
export * from './dead-letter/dead-letter.envelope';
export * from './dead-letter/max-deliveries.sweeper';
export * from './consume/consumer.types';
export * from './consume/handler-failure.classifier';
export * from './consume/consumer.loop';
export * from './consume/job.worker';
export * from './consume/result.consumer';
export * from './consume/dead-letter.consumer';
