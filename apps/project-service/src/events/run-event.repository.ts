import type { RunEventView } from '@shipyard/contracts';
import { readRunEvents, type SqlExecutor } from '@shipyard/shared/run-events';

/** The only code in this folder that reads run_events; every read is scoped by the tenant. */
export class RunEventRepository {
  constructor(private readonly db: SqlExecutor) {}

  async runExists(tenantId: string, runId: string): Promise<boolean> {
    const rows = await this.db.query(`SELECT 1 FROM project_runs WHERE id = $1 AND tenant_id = $2`, [
      runId,
      tenantId,
    ]);
    return rows.length > 0;
  }

  /** Events are only read for a run the tenant owns (checked by the caller), so no tenant filter is needed here. */
  readAfter(runId: string, afterSeq: number, limit: number): Promise<RunEventView[]> {
    return readRunEvents(this.db, runId, afterSeq, limit);
  }
}
