import { createHash } from 'node:crypto';
import { isUuid, type FileChange } from '@shipyard/contracts';
import type { ArtifactRef, ArtifactStore } from '../ports/artifact-store.port';
import { deterministicUuid } from '../db/deterministic-uuid';
import { lockLiveRun } from '../db/live-run.guard';
import { named, type PgDatabase } from '../db/pg-database';
import { RecentBundles } from './recent-bundles';
import { runScopedKey } from './run-scoped-key';

/**
 * A job's files, until artifact-service exposes a subject for them: one bundle per job in
 * `artifact_bundles` and one `artifacts` row per file (with its sha-256), written in ONE statement inside the
 * step's transaction, so the files commit with the step that applied them or not at all, and every
 * orchestrator replica reads them without a shared volume. Everything is keyed by the job id (the ref id
 * and each row id derive from it): storing the same job's files again inserts nothing. Recent bundles are
 * answered from memory (see RecentBundles).
 */
export class PgArtifactStore implements ArtifactStore {
  private readonly recent = new RecentBundles();

  constructor(private readonly db: PgDatabase) {}

  async putFiles(
    scope: { tenantId: string; runId: string; jobId: string; taskId?: string },
    files: FileChange[],
  ): Promise<ArtifactRef> {
    const id = deterministicUuid(scope.runId, 'artifact', scope.jobId);
    const bytes = files.reduce((sum, f) => sum + Buffer.byteLength(f.content), 0);
    const rows = files.map((file) => ({
      id: deterministicUuid(id, file.path),
      path: file.path,
      hash: createHash('sha256').update(file.content).digest('hex'),
      size: Buffer.byteLength(file.content),
      media: mediaTypeOf(file.path),
    }));
    await this.db.transaction(async (tx) => {
      // An ended run gets nothing, and nothing is remembered as stored for it either.
      if (!(await lockLiveRun(tx, scope.runId, this.db))) return;
      this.recent.set(runScopedKey(scope, id), files);
      // Sent without waiting for its answer: the COMMIT fails if it does.
      await this.db.send(
        tx,
        named(
          'artifact-bundle',
          `WITH bundle AS (
             INSERT INTO artifact_bundles (id, tenant_id, run_id, job_id, files)
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING
           )
           INSERT INTO artifacts (id, tenant_id, run_id, task_id, kind, path, content_hash, size_bytes, media_type)
           SELECT f.id, $2, $3, $6, 'file', f.path, f.hash, f.size, f.media
             FROM jsonb_to_recordset($7::jsonb) AS f(id uuid, path text, hash text, size bigint, media text)
           ON CONFLICT (id) DO NOTHING`,
        ),
        [
          id,
          scope.tenantId,
          scope.runId,
          scope.jobId,
          JSON.stringify(files),
          scope.taskId ?? null,
          JSON.stringify(rows),
        ],
      );
    });
    return { id, fileCount: files.length, bytes };
  }

  /** The files of a stored ref; an unknown ref (never stored, another run's or tenant's) reads as no files. */
  async readFiles(scope: { tenantId: string; runId: string }, refId: string): Promise<FileChange[]> {
    const recent = this.recent.get(runScopedKey(scope, refId));
    if (recent) return recent;
    if (!isUuid(refId)) return [];
    const [row] = await this.db.query<{ files: string }>(
      named(
        'artifact-bundle-read',
        `SELECT files FROM artifact_bundles WHERE id = $1 AND tenant_id = $2 AND run_id = $3`,
      ),
      [refId, scope.tenantId, scope.runId],
    );
    if (!row) return [];
    const files = JSON.parse(row.files) as FileChange[];
    this.recent.set(runScopedKey(scope, refId), files);
    return files;
  }
}

function mediaTypeOf(path: string): string {
  if (/\.(ts|tsx|js|mjs|cjs)$/.test(path)) return 'text/javascript';
  if (path.endsWith('.json')) return 'application/json';
  if (path.endsWith('.md')) return 'text/markdown';
  if (/\.(ya?ml)$/.test(path)) return 'application/yaml';
  return 'text/plain';
}
