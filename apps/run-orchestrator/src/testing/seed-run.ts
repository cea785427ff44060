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
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    const tenant = await client.query<{ id: string }>(
      `INSERT INTO tenants (name) VALUES ('orchestrator spec') RETURNING id`,
    );
    const tenantId = tenant.rows[0]!.id;
    const project = await client.query<{ id: string }>(
      `INSERT INTO projects (tenant_id, name, requirements, status) VALUES ($1, 'todo', $2, 'RUNNING') RETURNING id`,
      [tenantId, 'A todo list API: create, list and complete todos.'],
    );
    const projectId = project.rows[0]!.id;
    const run = await client.query<{ id: string }>(
      `INSERT INTO project_runs (tenant_id, project_id, status, config_snapshot) VALUES ($1, $2, 'QUEUED', $3) RETURNING id`,
      [tenantId, projectId, JSON.stringify(config)],
    );
    const runId = run.rows[0]!.id;
    await client.query(`UPDATE projects SET active_run_id = $1 WHERE id = $2`, [runId, projectId]);
    await client.query('COMMIT');
    return { tenantId, projectId, runId };
  } finally {
    await client.end();
  }
}
