import 'reflect-metadata';
import { bootstrapAgent, exitOnStartupFailure, parseAgentConfig } from '@shipyard/shared/agent-runtime';
import { AgentSecurityConfig } from './config.schema';
import { securityHandlers } from './security.handlers';

try {
  await bootstrapAgent({
    role: 'security',
    handlers: securityHandlers(),
    config: parseAgentConfig(AgentSecurityConfig),
  });
} catch (error) {
  exitOnStartupFailure('agent-security', error);
}
