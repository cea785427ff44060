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
