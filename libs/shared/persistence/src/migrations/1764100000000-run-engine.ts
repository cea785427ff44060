import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the run orchestrator needs to drive runs durably, all in PostgreSQL (the source of truth):
 * - a lease on each run, so two orchestrator replicas never drive the same run at once;
 * - the user's control requests (pause, stop, raised budget), read by the graph at node boundaries;
 * - `run_jobs`: the outbox of agent jobs. A job is a row before it is a JetStream message, so a message
 *   JetStream lost is re-published from here, and a result is applied once (compare-and-set on status);
 * - `run_usage`: the ledger, one row per model usage line of a job, keyed so a redelivered result
 *   cannot be counted twice;
 * - `run_events`: every transition, task change and comment of a run, numbered per run. Numbers are
 *   taken from `project_runs.event_seq` under the run row's lock, so they commit in order and a reader that
 *   resumes after seq N never misses one. A trigger NOTIFYs on insert so a relay can push them to Redis.
 */
export class RunEngine1764100000000 implements MigrationInterface {
  name = 'RunEngine1764100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE project_runs
        ADD COLUMN event_seq bigint NOT NULL DEFAULT 0,
        ADD COLUMN lease_owner text,
        ADD COLUMN lease_expires_at timestamptz,
        ADD COLUMN control_requested text NOT NULL DEFAULT 'run'
          CHECK (control_requested IN ('run', 'pause', 'stop')),
        ADD COLUMN resume_seq integer NOT NULL DEFAULT 0,
        ADD COLUMN budget_override jsonb`);
    // Orchestrators look for runs to pick up: queued ones, and active ones whose lease ran out.
    await db.query(`
      CREATE INDEX idx_run_claimable ON project_runs (lease_expires_at NULLS FIRST, created_at)
      WHERE status IN ('QUEUED', 'RUNNING', 'PAUSED')`);

    await db.query(`
      CREATE TABLE run_jobs (
        job_id text PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        run_id uuid NOT NULL REFERENCES project_runs (id) ON DELETE CASCADE,
        task_id uuid REFERENCES tasks (id) ON DELETE CASCADE,
        role text NOT NULL,
        kind text NOT NULL,
        payload jsonb NOT NULL,
        status text NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending', 'published', 'completed', 'failed', 'dead')),
        failure text,
        publish_count integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        published_at timestamptz,
        completed_at timestamptz
      )`);
    await db.query(`CREATE INDEX idx_run_jobs_run ON run_jobs (run_id, created_at)`);
    await db.query(`
      CREATE INDEX idx_run_jobs_unfinished ON run_jobs (published_at NULLS FIRST, created_at)
      WHERE status IN ('pending', 'published')`);

    await db.query(`
      CREATE TABLE run_usage (
        job_id text NOT NULL,
        line integer NOT NULL CHECK (line >= 0),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        run_id uuid NOT NULL REFERENCES project_runs (id) ON DELETE CASCADE,
        task_id uuid,
        role text NOT NULL,
        agent_id text NOT NULL,
        provider text NOT NULL,
        model text NOT NULL,
        prompt_tokens integer NOT NULL CHECK (prompt_tokens >= 0),
        completion_tokens integer NOT NULL CHECK (completion_tokens >= 0),
        cost_usd numeric(18, 6) NOT NULL CHECK (cost_usd >= 0),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT run_usage_pk PRIMARY KEY (job_id, line)
      )`);
    await db.query(`CREATE INDEX idx_run_usage_run_role ON run_usage (run_id, role)`);

    await db.query(`
      CREATE TABLE run_events (
        run_id uuid NOT NULL REFERENCES project_runs (id) ON DELETE CASCADE,
        seq bigint NOT NULL CHECK (seq >= 1),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        event_key text NOT NULL,
        type text NOT NULL,
        data jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT run_events_pk PRIMARY KEY (run_id, seq),
        CONSTRAINT run_events_key_uq UNIQUE (run_id, event_key)
      )`);
    await db.query(`
      CREATE FUNCTION notify_run_event() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('shipyard_run_events', NEW.run_id::text);
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER trg_run_event_notify AFTER INSERT ON run_events
      FOR EACH ROW EXECUTE FUNCTION notify_run_event()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS run_events`);
    await db.query(`DROP FUNCTION IF EXISTS notify_run_event()`);
    await db.query(`DROP TABLE IF EXISTS run_usage`);
    await db.query(`DROP TABLE IF EXISTS run_jobs`);
    await db.query(`DROP INDEX IF EXISTS idx_run_claimable`);
    await db.query(`
      ALTER TABLE project_runs
        DROP COLUMN event_seq, DROP COLUMN lease_owner, DROP COLUMN lease_expires_at,
        DROP COLUMN control_requested, DROP COLUMN resume_seq, DROP COLUMN budget_override`);
  }
}
