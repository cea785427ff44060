import 'reflect-metadata';
import { bootstrapAgent, exitOnStartupFailure, parseAgentConfig } from '@shipyard/shared/agent-runtime';
import { AgentDeveloperConfig } from './config.schema';
import { developerHandlers } from './developer.handlers';

try {
  await bootstrapAgent({
    role: 'developer',
    handlers: developerHandlers(),
    config: parseAgentConfig(AgentDeveloperConfig),
  });
} catch (error) {
  exitOnStartupFailure('agent-developer', error);
}
