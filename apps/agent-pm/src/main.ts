import 'reflect-metadata';
import { bootstrapAgent, exitOnStartupFailure, parseAgentConfig } from '@shipyard/shared/agent-runtime';
import { AgentPmConfig } from './config.schema';
import { pmHandlers } from './pm.handlers';

try {
  await bootstrapAgent({ role: 'pm', handlers: pmHandlers(), config: parseAgentConfig(AgentPmConfig) });
} catch (error) {
  exitOnStartupFailure('agent-pm', error);
}
