import type { AgentJobHandler } from '@shipyard/shared/agent-runtime';
import { DocumentHandler } from './document.handler';

/** Every job kind the docs agent does. */
export const docsHandlers = (): AgentJobHandler[] => [new DocumentHandler()];
