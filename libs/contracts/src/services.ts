/** The eleven services of the platform; names double as NATS queue groups and health subjects. */
export const ServiceNames = [
  'gateway',
  'project-service',
  'run-orchestrator',
  'artifact-service',
  'agent-pm',
  'agent-lead',
  'agent-developer',
  'agent-qa',
  'agent-docs',
  'agent-devops',
  'agent-security',
] as const;
export type ServiceName = (typeof ServiceNames)[number];

/** NATS header that carries the request id from the gateway to every service. */
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * V8 flags a service runs with, wherever it is started (npm start, deploy/entrypoint.sh, and the bench that
 * hosts the orchestrator). The run orchestrator's young generation is capped at 16 MB a semi-space: a step's
 * scavenges then pause it for at most ~5 ms, four times as often, instead of 6-10 ms every ~65 steps (V8's
 * default grows to 64 MB here), and those pauses set the idle p99 of a warmed-up orchestrator: 9.5-11.2 ms
 * in five bench runs without the flag, 7.7-9.3 ms in eight with it (run alternately), for ~6% less
 * throughput at 50 runs in two full runs.
 */
export const ServiceNodeFlags: Readonly<Partial<Record<ServiceName, readonly string[]>>> = {
  'run-orchestrator': ['--max-semi-space-size=16'],
};

export const nodeFlagsOf = (service: ServiceName): readonly string[] => ServiceNodeFlags[service] ?? [];
