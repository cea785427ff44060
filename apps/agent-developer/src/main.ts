import 'reflect-metadata';
import { bootstrapAgent, exitOnStartupFailure } from '@shipyard/shared/agent-runtime';
import { parseConfig } from '@shipyard/shared/config';
import { AgentDeveloperModule } from './agent-developer.module';
import { AgentDeveloperConfig } from './config.schema';

try {
  await bootstrapAgent({
    role: 'developer',
    module: AgentDeveloperModule,
    config: parseConfig(AgentDeveloperConfig),
  });
} catch (error) {
  exitOnStartupFailure('agent-developer', error);
}
