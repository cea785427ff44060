import { Module } from '@nestjs/common';

/**
 * The developer agent: it implements one task in the run's workspace. Its job handler, prompts and result schema arrive with the
 * agent runtime (issue 3); until then the service only proves it can start, answer health and stop.
 */
@Module({})
export class AgentDeveloperModule {}
