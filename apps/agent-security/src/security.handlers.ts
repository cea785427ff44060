import type { AgentJobHandler } from '@shipyard/shared/agent-runtime';
import { SecurityScanHandler } from './security-scan.handler';

/** Every job kind the security agent does. */
export const securityHandlers = (): AgentJobHandler[] => [new SecurityScanHandler()];
