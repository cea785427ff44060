import type { PgDatabase } from '../db/pg-database';

/**
 * The fallback for the at-most-once control notification: remembers each owned run's control fingerprint
 * (status, requested control, resume sequence, budget override) and reports the runs whose fingerprint
 * changed since the last poll. The first sight of a run counts as no change (its takeover already woke it).
 */
export class ControlWatcher {
  private readonly seen = new Map<string, string>();

  constructor(
    private readonly db: PgDatabase,
    private readonly owner: string,
  ) {}

  async changed(runIds: string[]): Promise<string[]> {
    const rows = await this.db.query<{ id: string; fingerprint: string }>(
      `SELECT id, concat_ws('|', status, control_requested, resume_seq, budget_override::text) AS fingerprint
       FROM project_runs WHERE id = ANY($1::uuid[]) AND lease_owner = $2`,
      [runIds, this.owner],
    );
    const changed: string[] = [];
    const live = new Set<string>();
    for (const row of rows) {
      live.add(row.id);
      const before = this.seen.get(row.id);
      if (before !== undefined && before !== row.fingerprint) changed.push(row.id);
      this.seen.set(row.id, row.fingerprint);
    }
    for (const id of this.seen.keys()) if (!live.has(id)) this.seen.delete(id);
    return changed;
  }
}
