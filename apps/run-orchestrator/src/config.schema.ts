import { DatabaseServiceConfig } from '@shipyard/shared/config';

/**
 * The run orchestrator's environment. It will checkpoint runs to PostgreSQL (issue 3), so DATABASE_URL is
 * validated from day one: a deployment missing it fails at start rather than at the first run. Nothing
 * connects to the database yet.
 */
export class RunOrchestratorConfig extends DatabaseServiceConfig {}
