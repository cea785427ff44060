import type { FileChange } from '@shipyard/contracts';

/** Where a job's files were stored; the graph's state keeps this, never the contents. */
export interface ArtifactRef {
  id: string;
  fileCount: number;
  bytes: number;
}

/** File storage for agent output (in production: artifact-service's workspace). */
export interface ArtifactStore {
  /** Stores the files one job produced; idempotent by `jobId` (same job, same ref). */
  putFiles(
    scope: { tenantId: string; runId: string; jobId: string; taskId?: string },
    files: FileChange[],
  ): Promise<ArtifactRef>;
}
