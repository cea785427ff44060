import { Module } from '@nestjs/common';

/**
 * The security agent: it scans the work for vulnerabilities and rates the findings. Its job handler, prompts and result schema arrive with the
 * agent runtime (issue 3); until then the service only proves it can start, answer health and stop.
 */
@Module({})
export class AgentSecurityModule {}
