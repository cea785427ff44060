import { AgentServiceConfig } from '@shipyard/shared/agent-runtime';

/**
 * The agent-security service's environment: NATS, logging, health, the job runtime's settings and the LLM
 * settings, all declared once in AgentServiceConfig. Settings only this role needs would be added here.
 */
export class AgentSecurityConfig extends AgentServiceConfig {}
