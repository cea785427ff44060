import { BaseServiceConfig } from '@shipyard/shared/config';

/**
 * The agent-docs service's environment. Today it needs only NATS, logging and the health port; its
 * model and job settings join when the role does real work (issue 3), here and nowhere else.
 */
export class AgentDocsConfig extends BaseServiceConfig {}
