import { Module } from '@nestjs/common';

/**
 * The pm agent: it turns a requirement into a task tree with dependencies and acceptance criteria. Its job handler, prompts and result schema arrive with the
 * agent runtime (issue 3); until then the service only proves it can start, answer health and stop.
 */
@Module({})
export class AgentPmModule {}
