import { Module } from '@nestjs/common';

/**
 * The docs agent: it writes the project's documentation. Its job handler, prompts and result schema arrive with the
 * agent runtime (issue 3); until then the service only proves it can start, answer health and stop.
 */
@Module({})
export class AgentDocsModule {}
