import 'reflect-metadata';
import { bootstrapAgent, exitOnStartupFailure, parseAgentConfig } from '@shipyard/shared/agent-runtime';
import { AgentLeadConfig } from './config.schema';
import { leadHandlers } from './lead.handlers';

try {
  await bootstrapAgent({
    role: 'lead',
    handlers: leadHandlers(),
    config: parseAgentConfig(AgentLeadConfig),
  });
} catch (error) {
  exitOnStartupFailure('agent-lead', error);
}
