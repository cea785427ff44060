import { AgentServiceConfig } from '@shipyard/shared/agent-runtime';

/**
 * The agent-developer service's environment: NATS, logging, health, the job runtime's settings and the LLM
 * settings, all declared once in AgentServiceConfig. Settings only this role needs would be added here.
 */
export class AgentDeveloperConfig extends AgentServiceConfig {}
