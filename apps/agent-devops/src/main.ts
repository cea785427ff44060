import 'reflect-metadata';
import { bootstrapAgent, exitOnStartupFailure } from '@shipyard/shared/agent-runtime';
import { parseConfig } from '@shipyard/shared/config';
import { AgentDevopsModule } from './agent-devops.module';
import { AgentDevopsConfig } from './config.schema';

try {
  await bootstrapAgent({ role: 'devops', module: AgentDevopsModule, config: parseConfig(AgentDevopsConfig) });
} catch (error) {
  exitOnStartupFailure('agent-devops', error);
}
