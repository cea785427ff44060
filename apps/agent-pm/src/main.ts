import 'reflect-metadata';
import { bootstrapAgent, exitOnStartupFailure } from '@shipyard/shared/agent-runtime';
import { parseConfig } from '@shipyard/shared/config';
import { AgentPmModule } from './agent-pm.module';
import { AgentPmConfig } from './config.schema';

try {
  await bootstrapAgent({ role: 'pm', module: AgentPmModule, config: parseConfig(AgentPmConfig) });
} catch (error) {
  exitOnStartupFailure('agent-pm', error);
}
