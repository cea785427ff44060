import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The platform's first schema: tenants and their API keys, versioned templates, projects, runs, tasks,
 * the comment audit trail with replies, and artifact metadata. Every row names its tenant so that every
 * query can be scoped by it. Invariants that must hold under races live here, in the database:
 * one active run per project (partial unique index), immutable template versions and frozen run snapshots
 * (triggers), and cascading deletes from a project down to everything under it.
 */
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE tenants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);

    // Only the sha256 of a key is stored; the prefix is not secret and lets a person recognise a key.
    await db.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        key_prefix text NOT NULL,
        key_hash bytea NOT NULL,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT api_keys_key_hash_uq UNIQUE (key_hash),
        CONSTRAINT api_keys_key_hash_len_ck CHECK (octet_length(key_hash) = 32)
      )`);
    await db.query(`CREATE INDEX idx_api_keys_prefix ON api_keys (key_prefix)`);
    await db.query(`CREATE INDEX idx_api_keys_tenant ON api_keys (tenant_id)`);

    await db.query(`
      CREATE TABLE project_templates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        latest_version integer NOT NULL CHECK (latest_version >= 1),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await db.query(
      `CREATE INDEX idx_template_tenant_created ON project_templates (tenant_id, created_at DESC, id DESC)`,
    );

    await db.query(`
      CREATE TABLE project_template_versions (
        template_id uuid NOT NULL REFERENCES project_templates (id) ON DELETE CASCADE,
        version integer NOT NULL CHECK (version >= 1),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        config jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT project_template_versions_pk PRIMARY KEY (template_id, version)
      )`);
    await db.query(`
      CREATE FUNCTION reject_template_version_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'template version % of % is immutable; create the next version instead',
          OLD.version, OLD.template_id USING ERRCODE = 'restrict_violation';
      END $$`);
    await db.query(`
      CREATE TRIGGER trg_template_version_immutable BEFORE UPDATE ON project_template_versions
      FOR EACH ROW EXECUTE FUNCTION reject_template_version_update()`);

    await db.query(`
      CREATE TABLE projects (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        name text NOT NULL,
        requirements text NOT NULL DEFAULT '',
        template_id uuid,
        template_version integer,
        config_patch jsonb NOT NULL DEFAULT '{}'::jsonb,
        status text NOT NULL DEFAULT 'DRAFT'
          CHECK (status IN ('DRAFT', 'READY', 'RUNNING', 'COMPLETED', 'FAILED')),
        active_run_id uuid,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT projects_template_version_fk FOREIGN KEY (template_id, template_version)
          REFERENCES project_template_versions (template_id, version) ON DELETE RESTRICT,
        CONSTRAINT projects_template_pinned_ck CHECK ((template_id IS NULL) = (template_version IS NULL))
      )`);
    await db.query(`CREATE INDEX idx_project_status_created ON projects (status, created_at)`);
    await db.query(
      `CREATE INDEX idx_project_tenant_created ON projects (tenant_id, created_at DESC, id DESC)`,
    );
    await db.query(
      `CREATE INDEX idx_project_tenant_status_created ON projects (tenant_id, status, created_at DESC, id DESC)`,
    );

    await db.query(`
      CREATE TABLE project_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'QUEUED' CHECK (status IN (
          'QUEUED', 'RUNNING', 'PAUSED', 'COMPLETED', 'FAILED', 'STOPPED_BUDGET', 'STOPPED_USER', 'STOPPED_TIMEOUT')),
        status_reason text,
        config_snapshot jsonb NOT NULL,
        prompt_tokens bigint NOT NULL DEFAULT 0 CHECK (prompt_tokens >= 0),
        completion_tokens bigint NOT NULL DEFAULT 0 CHECK (completion_tokens >= 0),
        total_tokens bigint NOT NULL DEFAULT 0 CHECK (total_tokens >= 0),
        cost_usd numeric(18, 6) NOT NULL DEFAULT 0 CHECK (cost_usd >= 0),
        final_report jsonb,
        started_at timestamptz,
        finished_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    // The one rule no race may break: a project has at most one run that can still change.
    await db.query(`
      CREATE UNIQUE INDEX uq_run_one_active_per_project ON project_runs (project_id)
      WHERE status IN ('QUEUED', 'RUNNING', 'PAUSED')`);
    await db.query(`CREATE INDEX idx_run_status_created ON project_runs (status, created_at)`);
    await db.query(
      `CREATE INDEX idx_run_tenant_created ON project_runs (tenant_id, created_at DESC, id DESC)`,
    );
    await db.query(
      `CREATE INDEX idx_run_tenant_project_created ON project_runs (tenant_id, project_id, created_at DESC, id DESC)`,
    );
    await db.query(`
      CREATE FUNCTION reject_run_snapshot_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.config_snapshot IS DISTINCT FROM OLD.config_snapshot THEN
          RAISE EXCEPTION 'config_snapshot of run % is frozen', OLD.id USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER trg_run_snapshot_frozen BEFORE UPDATE OF config_snapshot ON project_runs
      FOR EACH ROW EXECUTE FUNCTION reject_run_snapshot_change()`);
    // Cleared (not cascaded) when its run goes away, so a project never points at a missing run.
    await db.query(`
      ALTER TABLE projects ADD CONSTRAINT projects_active_run_fk
      FOREIGN KEY (active_run_id) REFERENCES project_runs (id) ON DELETE SET NULL`);

    await db.query(`
      CREATE TABLE tasks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        run_id uuid NOT NULL REFERENCES project_runs (id) ON DELETE CASCADE,
        parent_task_id uuid REFERENCES tasks (id) ON DELETE CASCADE,
        title text NOT NULL,
        description text NOT NULL DEFAULT '',
        depends_on uuid[] NOT NULL DEFAULT '{}',
        acceptance_criteria jsonb NOT NULL DEFAULT '[]'::jsonb,
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN (
          'PENDING', 'IN_PROGRESS', 'IN_REVIEW', 'IN_QA', 'BLOCKED', 'DONE', 'FAILED', 'CANCELLED')),
        assigned_role text,
        assigned_agent_id text,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT tasks_not_own_parent_ck CHECK (parent_task_id IS DISTINCT FROM id)
      )`);
    await db.query(`CREATE INDEX idx_task_status_assigned ON tasks (status, assigned_agent_id)`);
    await db.query(`CREATE INDEX idx_task_tenant_run_created ON tasks (tenant_id, run_id, created_at, id)`);
    await db.query(`CREATE INDEX idx_task_tenant_created ON tasks (tenant_id, created_at, id)`);
    await db.query(`CREATE INDEX idx_task_parent ON tasks (parent_task_id, created_at, id)`);

    await db.query(`
      CREATE TABLE task_comments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        task_id uuid NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
        run_id uuid NOT NULL REFERENCES project_runs (id) ON DELETE CASCADE,
        comment_type text NOT NULL,
        author_role text NOT NULL,
        agent_id text,
        body text NOT NULL,
        metrics jsonb NOT NULL DEFAULT '{}'::jsonb,
        blockers text[] NOT NULL DEFAULT '{}',
        next_steps text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await db.query(`CREATE INDEX idx_comment_type_agent ON task_comments (comment_type, agent_id)`);
    await db.query(`CREATE INDEX idx_comment_task_created ON task_comments (task_id, created_at)`);
    await db.query(`CREATE INDEX idx_comment_tenant_created ON task_comments (tenant_id, created_at, id)`);

    await db.query(`
      CREATE TABLE replies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        comment_id uuid NOT NULL REFERENCES task_comments (id) ON DELETE CASCADE,
        parent_reply_id uuid REFERENCES replies (id) ON DELETE CASCADE,
        author_role text NOT NULL,
        agent_id text,
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await db.query(`CREATE INDEX idx_reply_comment_created ON replies (comment_id, created_at, id)`);
    await db.query(`CREATE INDEX idx_reply_tenant ON replies (tenant_id)`);

    await db.query(`
      CREATE TABLE artifacts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        run_id uuid NOT NULL REFERENCES project_runs (id) ON DELETE CASCADE,
        task_id uuid REFERENCES tasks (id) ON DELETE CASCADE,
        kind text NOT NULL,
        path text NOT NULL,
        content_hash text NOT NULL,
        size_bytes bigint NOT NULL CHECK (size_bytes >= 0),
        media_type text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await db.query(
      `CREATE INDEX idx_artifact_tenant_run_created ON artifacts (tenant_id, run_id, created_at, id)`,
    );
    await db.query(`CREATE INDEX idx_artifact_task ON artifacts (task_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'artifacts',
      'replies',
      'task_comments',
      'tasks',
      'projects',
      'project_runs',
      'project_template_versions',
      'project_templates',
      'api_keys',
      'tenants',
    ]) {
      await db.query(`DROP TABLE IF EXISTS ${table} CASCADE`);
    }
    await db.query(`DROP FUNCTION IF EXISTS reject_run_snapshot_change()`);
    await db.query(`DROP FUNCTION IF EXISTS reject_template_version_update()`);
  }
}
