import { Module } from '@nestjs/common';

/**
 * The devops agent: it prepares the build and deployment files. Its job handler, prompts and result schema arrive with the
 * agent runtime (issue 3); until then the service only proves it can start, answer health and stop.
 */
@Module({})
export class AgentDevopsModule {}
