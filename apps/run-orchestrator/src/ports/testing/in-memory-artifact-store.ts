import type { FileChange } from '@shipyard/contracts';
import type { ArtifactRef, ArtifactStore } from '../artifact-store.port';

/** Stores contents by jobId; a repeated jobId returns the first ref and keeps the first contents. */
export class InMemoryArtifactStore implements ArtifactStore {
  readonly files = new Map<string, FileChange[]>();

  putFiles(scope: { runId: string; jobId: string }, files: FileChange[]): Promise<ArtifactRef> {
    const id = `artifact:${scope.jobId}`;
    if (!this.files.has(id)) this.files.set(id, structuredClone(files));
    const stored = this.files.get(id) ?? [];
    const bytes = stored.reduce((sum, f) => sum + Buffer.byteLength(f.content, 'utf8'), 0);
    return Promise.resolve({ id, fileCount: stored.length, bytes });
  }
}
