import 'reflect-metadata';
import { bootstrapAgent, exitOnStartupFailure } from '@shipyard/shared/agent-runtime';
import { parseConfig } from '@shipyard/shared/config';
import { AgentDocsModule } from './agent-docs.module';
import { AgentDocsConfig } from './config.schema';

try {
  await bootstrapAgent({ role: 'docs', module: AgentDocsModule, config: parseConfig(AgentDocsConfig) });
} catch (error) {
  exitOnStartupFailure('agent-docs', error);
}
