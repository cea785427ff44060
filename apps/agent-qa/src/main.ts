import 'reflect-metadata';
import { bootstrapAgent, exitOnStartupFailure } from '@shipyard/shared/agent-runtime';
import { parseConfig } from '@shipyard/shared/config';
import { AgentQaModule } from './agent-qa.module';
import { AgentQaConfig } from './config.schema';

try {
  await bootstrapAgent({ role: 'qa', module: AgentQaModule, config: parseConfig(AgentQaConfig) });
} catch (error) {
  exitOnStartupFailure('agent-qa', error);
}
