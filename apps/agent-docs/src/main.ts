import 'reflect-metadata';
import { bootstrapAgent, exitOnStartupFailure, parseAgentConfig } from '@shipyard/shared/agent-runtime';
import { AgentDocsConfig } from './config.schema';
import { docsHandlers } from './docs.handlers';

try {
  await bootstrapAgent({
    role: 'docs',
    handlers: docsHandlers(),
    config: parseAgentConfig(AgentDocsConfig),
  });
} catch (error) {
  exitOnStartupFailure('agent-docs', error);
}
