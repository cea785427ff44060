import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileChange } from '@shipyard/contracts';
import type { ArtifactRef, ArtifactStore } from '../ports/artifact-store.port';
import { deterministicUuid } from '../db/deterministic-uuid';
import { lockLiveRun } from '../db/live-run.guard';
import type { PgDatabase } from '../db/pg-database';

const SAFE_ID = /^[0-9a-f-]{36}$/;

/**
 * Until artifact-service exposes a subject for it, a job's files are kept here: one JSON bundle per job
 * under `<root>/<tenant>/<run>/<ref id>.json` (written to a temp name and renamed, so a reader never sees
 * half a bundle), and one `artifacts` row per file with its content hash, so the API can list them.
 * Everything is keyed by the job id (the ref id and each row id derive from it): storing the same job's
 * files again rewrites the same bundle and inserts no row.
 */
export class FsArtifactStore implements ArtifactStore {
  constructor(
    private readonly db: PgDatabase,
    private readonly root: string,
  ) {}

  async putFiles(
    scope: { tenantId: string; runId: string; jobId: string; taskId?: string },
    files: FileChange[],
  ): Promise<ArtifactRef> {
    const id = deterministicUuid(scope.runId, 'artifact', scope.jobId);
    const bytes = files.reduce((sum, f) => sum + Buffer.byteLength(f.content), 0);
    const ref: ArtifactRef = { id, fileCount: files.length, bytes };
    const dir = join(this.root, safe(scope.tenantId), safe(scope.runId));
    await mkdir(dir, { recursive: true });
    const target = join(dir, `${id}.json`);
    const temp = `${target}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify({ jobId: scope.jobId, files }));
    await rename(temp, target);
    await this.db.transaction(async (tx) => {
      if (!(await lockLiveRun(tx, scope.runId, this.db))) return;
      for (const file of files) {
        await tx.query(
          `INSERT INTO artifacts (id, tenant_id, run_id, task_id, kind, path, content_hash, size_bytes, media_type)
           VALUES ($1, $2, $3, $4, 'file', $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
          [
            deterministicUuid(id, file.path),
            scope.tenantId,
            scope.runId,
            scope.taskId ?? null,
            file.path,
            createHash('sha256').update(file.content).digest('hex'),
            Buffer.byteLength(file.content),
            mediaTypeOf(file.path),
          ],
        );
      }
    });
    return ref;
  }

  /** The files of a stored ref; an unknown ref (never stored, or removed) reads as no files. */
  async readFiles(scope: { tenantId: string; runId: string }, refId: string): Promise<FileChange[]> {
    if (!SAFE_ID.test(refId)) return [];
    try {
      const text = await readFile(
        join(this.root, safe(scope.tenantId), safe(scope.runId), `${refId}.json`),
        'utf8',
      );
      return (JSON.parse(text) as { files: FileChange[] }).files;
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return [];
      throw error;
    }
  }
}

/** Tenant and run ids are validated UUIDs already; this refuses anything else as a path segment. */
function safe(segment: string): string {
  if (!SAFE_ID.test(segment)) throw new Error(`unsafe path segment ${segment.slice(0, 40)}`);
  return segment;
}

function mediaTypeOf(path: string): string {
  if (/\.(ts|tsx|js|mjs|cjs)$/.test(path)) return 'text/javascript';
  if (path.endsWith('.json')) return 'application/json';
  if (path.endsWith('.md')) return 'text/markdown';
  if (/\.(ya?ml)$/.test(path)) return 'application/yaml';
  return 'text/plain';
}
