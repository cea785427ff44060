import type { AgentJobHandler } from '@shipyard/shared/agent-runtime';
import { ReviewHandler } from './review.handler';

/** Every job kind the lead does. */
export const leadHandlers = (): AgentJobHandler[] => [new ReviewHandler()];
