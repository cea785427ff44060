import 'reflect-metadata';
import { bootstrapAgent, exitOnStartupFailure } from '@shipyard/shared/agent-runtime';
import { parseConfig } from '@shipyard/shared/config';
import { AgentLeadModule } from './agent-lead.module';
import { AgentLeadConfig } from './config.schema';

try {
  await bootstrapAgent({ role: 'lead', module: AgentLeadModule, config: parseConfig(AgentLeadConfig) });
} catch (error) {
  exitOnStartupFailure('agent-lead', error);
}
