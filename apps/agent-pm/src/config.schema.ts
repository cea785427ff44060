import { AgentServiceConfig } from '@shipyard/shared/agent-runtime';

/**
 * The agent-pm service's environment: NATS, logging, health, the job runtime's settings and the LLM
 * settings, all declared once in AgentServiceConfig. Settings only the PM needs would be added here.
 */
export class AgentPmConfig extends AgentServiceConfig {}
