import 'reflect-metadata';
import { bootstrapAgent, exitOnStartupFailure } from '@shipyard/shared/agent-runtime';
import { parseConfig } from '@shipyard/shared/config';
import { AgentSecurityModule } from './agent-security.module';
import { AgentSecurityConfig } from './config.schema';

try {
  await bootstrapAgent({
    role: 'security',
    module: AgentSecurityModule,
    config: parseConfig(AgentSecurityConfig),
  });
} catch (error) {
  exitOnStartupFailure('agent-security', error);
}
