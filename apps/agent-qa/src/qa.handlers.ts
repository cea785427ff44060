import type { AgentJobHandler } from '@shipyard/shared/agent-runtime';
import { TestHandler } from './test.handler';

/** Every job kind QA does. */
export const qaHandlers = (): AgentJobHandler[] => [new TestHandler()];
