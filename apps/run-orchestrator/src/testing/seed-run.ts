import pg from 'pg';
import { defaultRunConfig, type RunConfig, type RunConfigPatch } from '@shipyard/contracts';

export interface SeededRun {
  tenantId: string;
  projectId: string;
  runId: string;
}

/** Merges a patch into the default run config field by field (what project-service does at run creation). */
export function runConfigWith(patch: RunConfigPatch = {}): RunConfig {
  const base = defaultRunConfig();
  return {
    roles: { ...base.roles, ...(patch.roles as RunConfig['roles'] | undefined) },
    budget: { ...base.budget, ...patch.budget },
    review: { ...base.review, ...patch.review },
    security: { ...base.security, ...patch.security },
    deadlineMinutes: patch.deadlineMinutes ?? base.deadlineMinutes,
  };
}

/**
 * A tenant, a RUNNING project and its QUEUED run, as project-service leaves them after `run.v1.create`.
 * Written straight to the tables: these specs test the orchestrator, not the API.
 */
export async function seedQueuedRun(url: string, config: RunConfig = runConfigWith()): Promise<SeededRun> {
  const [run] = await seedQueuedRuns(url, 1, config);
  return run as SeededRun;
}

/** `count` such runs (one tenant and project each) in one transaction on one connection. */
export async function seedQueuedRuns(
  url: string,
  count: number,
  config: RunConfig = runConfigWith(),
): Promise<SeededRun[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<SeededRun>(
      `WITH tenants AS (
         INSERT INTO tenants (name) SELECT 'orchestrator spec' FROM generate_series(1, $1) RETURNING id
       ), numbered AS (
         SELECT id AS tenant_id, gen_random_uuid() AS project_id, gen_random_uuid() AS run_id FROM tenants
       ), projects AS (
         INSERT INTO projects (id, tenant_id, name, requirements, status)
         SELECT project_id, tenant_id, 'todo', $2, 'RUNNING' FROM numbered
       ), runs AS (
         -- Foreign keys are checked at the end of the statement, when the sibling inserts are all in.
         INSERT INTO project_runs (id, tenant_id, project_id, status, config_snapshot)
         SELECT run_id, tenant_id, project_id, 'QUEUED', $3 FROM numbered
       )
       SELECT tenant_id AS "tenantId", project_id AS "projectId", run_id AS "runId" FROM numbered`,
      [count, 'A todo list API: create, list and complete todos.', JSON.stringify(config)],
    );
    await client.query(
      `UPDATE projects p SET active_run_id = r.id FROM project_runs r
        WHERE r.project_id = p.id AND r.id = ANY($1::uuid[])`,
      [rows.map((r) => r.runId)],
    );
    await client.query('COMMIT');
    return rows;
  } finally {
    await client.end();
  }
}
