import { Module } from '@nestjs/common';

/**
 * The lead agent: it reviews developers' work and sends it back with findings. Its job handler, prompts and result schema arrive with the
 * agent runtime (issue 3); until then the service only proves it can start, answer health and stop.
 */
@Module({})
export class AgentLeadModule {}
