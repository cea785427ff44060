import { Module } from '@nestjs/common';

/**
 * The qa agent: it tests a task's result against its acceptance criteria. Its job handler, prompts and result schema arrive with the
 * agent runtime (issue 3); until then the service only proves it can start, answer health and stop.
 */
@Module({})
export class AgentQaModule {}
