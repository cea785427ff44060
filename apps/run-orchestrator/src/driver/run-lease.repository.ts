import type { RunConfig } from '@shipyard/contracts';
import { appendStepEvent } from '../db/step-events';
import { isActiveRunStatus } from '../db/live-run.guard';
import type { PgDatabase } from '../db/pg-database';

/** A run this orchestrator just took the lease of, with what it needs to start or continue its graph. */
export interface ClaimedRun {
  runId: string;
  tenantId: string;
  status: 'QUEUED' | 'RUNNING' | 'PAUSED';
  config: RunConfig;
  requirements: string;
  startedAt: string | null;
}

interface ClaimRow {
  id: string;
  tenant_id: string;
  status: ClaimedRun['status'];
  config_snapshot: RunConfig;
  requirements: string;
  started_at: Date | null;
}

const toClaimed = (row: ClaimRow): ClaimedRun => ({
  runId: row.id,
  tenantId: row.tenant_id,
  status: row.status,
  config: row.config_snapshot,
  requirements: row.requirements,
  startedAt: row.started_at?.toISOString() ?? null,
});

/**
 * Leases on runs: the only way an orchestrator gets to drive one. A claim takes runs that are active and
 * whose lease is free, ran out, or is already this owner's (a run it let go of in memory; the executor skips
 * runs it is still driving), with `FOR UPDATE SKIP LOCKED`: two orchestrators claiming at once never take
 * the same row. Renewals extend the owner's leases and report which it still holds. A PAUSED run that never
 * started is not claimed: resuming it makes it QUEUED again.
 */
export class RunLeaseRepository {
  constructor(
    private readonly db: PgDatabase,
    readonly owner: string,
    private readonly leaseMs: number,
  ) {}

  /**
   * @param only claim this run or nothing (a result or a notification named it)
   * @param driving runs this orchestrator drives right now: left alone. Their leases are ours already (the
   *   renewal extends them); claiming them again would rewrite each of their rows every tick and hold their
   *   row locks, which their own steps then wait for.
   */
  async claim(
    limit: number,
    { only, driving = [] }: { only?: string; driving?: readonly string[] } = {},
  ): Promise<ClaimedRun[]> {
    if (limit <= 0) return [];
    const rows = await this.db.query<ClaimRow>(
      `WITH free AS (
         SELECT id FROM project_runs
         WHERE status IN ('QUEUED', 'RUNNING', 'PAUSED')
           AND NOT (status = 'PAUSED' AND started_at IS NULL)
           AND (lease_owner IS NULL OR lease_expires_at < clock_timestamp() OR lease_owner = $1)
           AND ($3::uuid IS NULL OR id = $3)
           AND NOT (id = ANY($5::uuid[]))
         ORDER BY lease_expires_at NULLS FIRST, created_at
         LIMIT $2 FOR UPDATE SKIP LOCKED)
       UPDATE project_runs r SET lease_owner = $1,
         lease_expires_at = clock_timestamp() + make_interval(secs => $4 / 1000.0)
       FROM free, projects p
       WHERE r.id = free.id AND p.id = r.project_id
       RETURNING r.id, r.tenant_id, r.status, r.config_snapshot, p.requirements, r.started_at`,
      [this.owner, limit, only ?? null, this.leaseMs, driving],
    );
    return rows.map(toClaimed);
  }

  /**
   * Extends the leases of `runIds`; returns the ids still held (a run that ended or was taken is left out).
   * A run whose row is locked right now is in the middle of one of our own steps (the step holds the row
   * until it commits): it is skipped rather than waited for, and counted as held, because waiting would
   * make every step queue behind the slowest one (measured: 42 ms average lock waits at 50 runs).
   */
  async renew(runIds: string[]): Promise<Set<string>> {
    if (runIds.length === 0) return new Set();
    const [row] = await this.db.query<{ renewed: string[] | null; busy: string[] | null }>(
      `WITH free AS (
         SELECT id FROM project_runs WHERE id = ANY($2::uuid[]) FOR UPDATE SKIP LOCKED),
       renewed AS (
         UPDATE project_runs r SET lease_expires_at = clock_timestamp() + make_interval(secs => $3 / 1000.0)
         FROM free WHERE r.id = free.id AND r.lease_owner = $1 AND r.status IN ('QUEUED', 'RUNNING', 'PAUSED')
         RETURNING r.id)
       SELECT (SELECT array_agg(id) FROM renewed) AS renewed,
              (SELECT array_agg(id) FROM unnest($2::uuid[]) AS id WHERE id NOT IN (SELECT id FROM free)) AS busy`,
      [this.owner, runIds, this.leaseMs],
    );
    return new Set([...(row?.renewed ?? []), ...(row?.busy ?? [])]);
  }

  async release(runIds: string[]): Promise<void> {
    if (runIds.length === 0) return;
    await this.db.query(
      `UPDATE project_runs SET lease_owner = NULL, lease_expires_at = NULL
       WHERE id = ANY($2::uuid[]) AND lease_owner = $1`,
      [this.owner, runIds],
    );
  }

  /** Whose lease a run is under right now: mine, another live one, or nobody's. */
  async leaseOf(runId: string): Promise<'mine' | 'other' | 'free' | 'ended'> {
    const [row] = await this.db.query<{ status: string; lease_owner: string | null; live: boolean }>(
      `SELECT status, lease_owner, lease_expires_at > clock_timestamp() AS live FROM project_runs WHERE id = $1`,
      [runId],
    );
    if (!row || !isActiveRunStatus(row.status)) return 'ended';
    if (row.lease_owner === this.owner && row.live) return 'mine';
    return row.lease_owner !== null && row.live ? 'other' : 'free';
  }

  /** How long the run's current lease (whoever holds it) has left: 0 when it has run out or there is none. */
  async leaseRemainingMs(runId: string): Promise<number> {
    const [row] = await this.db.query<{ remaining_ms: number | null }>(
      `SELECT GREATEST(0, EXTRACT(EPOCH FROM lease_expires_at - clock_timestamp()) * 1000)::float8 AS remaining_ms
       FROM project_runs WHERE id = $1`,
      [runId],
    );
    return Math.ceil(row?.remaining_ms ?? 0);
  }

  /**
   * QUEUED -> RUNNING, compare-and-set, under this owner's lease, with its `run.status` event in the same
   * transaction. Returns the start time (the deadline counts from it), or null if the run was not QUEUED
   * under this lease any more.
   */
  async markRunning(run: ClaimedRun): Promise<string | null> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<{ started_at: Date }>(
        `UPDATE project_runs SET status = 'RUNNING', status_reason = 'picked up by an orchestrator',
           started_at = COALESCE(started_at, clock_timestamp())
         WHERE id = $1 AND status = 'QUEUED' AND lease_owner = $2 RETURNING started_at`,
        [run.runId, this.owner],
      );
      if (!row) return null;
      await appendStepEvent(this.db, tx, {
        tenantId: run.tenantId,
        runId: run.runId,
        eventKey: `${run.runId}:status:RUNNING:start`,
        data: { type: 'run.status', status: 'RUNNING', reason: 'picked up by an orchestrator' },
      });
      return row.started_at.toISOString();
    });
  }
}
