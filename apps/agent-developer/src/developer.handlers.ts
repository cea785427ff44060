import type { AgentJobHandler } from '@shipyard/shared/agent-runtime';
import { BootstrapRepoHandler } from './bootstrap-repo.handler';
import { FixHandler } from './fix.handler';
import { ImplementHandler } from './implement.handler';

/** Every job kind the developer does. */
export const developerHandlers = (): AgentJobHandler[] => [
  new BootstrapRepoHandler(),
  new ImplementHandler(),
  new FixHandler(),
];
