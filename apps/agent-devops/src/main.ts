import 'reflect-metadata';
import { bootstrapAgent, exitOnStartupFailure, parseAgentConfig } from '@shipyard/shared/agent-runtime';
import { AgentDevopsConfig } from './config.schema';
import { devopsHandlers } from './devops.handlers';

try {
  await bootstrapAgent({
    role: 'devops',
    handlers: devopsHandlers(),
    config: parseAgentConfig(AgentDevopsConfig),
  });
} catch (error) {
  exitOnStartupFailure('agent-devops', error);
}
