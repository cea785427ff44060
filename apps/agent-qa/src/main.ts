import 'reflect-metadata';
import { bootstrapAgent, exitOnStartupFailure, parseAgentConfig } from '@shipyard/shared/agent-runtime';
import { AgentQaConfig } from './config.schema';
import { qaHandlers } from './qa.handlers';

try {
  await bootstrapAgent({
    role: 'qa',
    handlers: qaHandlers(),
    config: parseAgentConfig(AgentQaConfig),
  });
} catch (error) {
  exitOnStartupFailure('agent-qa', error);
}
