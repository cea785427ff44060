import { Module } from '@nestjs/common';

/**
 * The run orchestrator: the LangGraph workflow (src/graph) and its ports (src/ports) are wired in here when
 * run execution lands (issue 3). Until then the service starts, answers health and stops cleanly.
 */
@Module({})
export class OrchestratorModule {}
