import type { AgentJobHandler } from '@shipyard/shared/agent-runtime';
import { AnalyzeRequirementsHandler } from './analyze-requirements.handler';
import { CreateTasksHandler } from './create-tasks.handler';

/** Every job kind the PM does. */
export const pmHandlers = (): AgentJobHandler[] => [
  new AnalyzeRequirementsHandler(),
  new CreateTasksHandler(),
];
