import type { AgentJobHandler } from '@shipyard/shared/agent-runtime';
import { PrepareDeployHandler } from './prepare-deploy.handler';

/** Every job kind the devops agent does. */
export const devopsHandlers = (): AgentJobHandler[] => [new PrepareDeployHandler()];
