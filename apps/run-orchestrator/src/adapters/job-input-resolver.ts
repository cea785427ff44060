import type { AgentJob, FileChange } from '@shipyard/contracts';

/** Reads the files of a stored artifact reference (PgArtifactStore in production). */
export interface ArtifactFileSource {
  readFiles(scope: { tenantId: string; runId: string }, refId: string): Promise<FileChange[]>;
}

export interface FileBounds {
  /** At most this many files go into one job. */
  maxFiles: number;
  /** Each file's content is cut at this many characters (with a marker saying so). */
  maxFileChars: number;
  /** Contents of all files together stop at this many characters; later files are left out. */
  maxTotalChars: number;
}

/**
 * The graph's job inputs carry artifact REFERENCES (`repo`, `artifact`, `artifacts`, `dependencies[].artifact`)
 * so the checkpoint stays small; agents read `input.files`. This fills `files` when the job is written to
 * the outbox, bounded: the newest version of a path wins (refs are read in the order given, later refs
 * override earlier), then files are capped in count, per-file length and total length, so one job cannot
 * grow past what a NATS message and a model context can take.
 */
export class JobInputResolver {
  constructor(
    private readonly artifacts: ArtifactFileSource,
    private readonly bounds: FileBounds,
  ) {}

  async resolve(job: AgentJob): Promise<AgentJob> {
    const refs = referencesIn(job.input);
    if (refs.length === 0) return job;
    const byPath = new Map<string, string>();
    for (const ref of refs) {
      for (const file of await this.artifacts.readFiles(job, ref)) byPath.set(file.path, file.content);
    }
    const files: FileChange[] = [];
    let total = 0;
    for (const [path, content] of [...byPath].sort(([a], [b]) => a.localeCompare(b))) {
      if (files.length >= this.bounds.maxFiles || total >= this.bounds.maxTotalChars) break;
      const room = Math.min(this.bounds.maxFileChars, this.bounds.maxTotalChars - total);
      const cut =
        content.length > room
          ? `${content.slice(0, room)}\n/* [truncated by the orchestrator] */\n`
          : content;
      files.push({ path, content: cut });
      total += Math.min(content.length, room);
    }
    return { ...job, input: { ...job.input, files } };
  }
}

function referencesIn(input: Record<string, unknown>): string[] {
  const ids: string[] = [];
  const take = (value: unknown): void => {
    if (typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string')
      ids.push((value as { id: string }).id);
  };
  take(input['repo']);
  if (Array.isArray(input['dependencies']))
    for (const dep of input['dependencies'] as unknown[])
      take((dep as { artifact?: unknown } | null)?.artifact);
  if (Array.isArray(input['artifacts'])) (input['artifacts'] as unknown[]).forEach(take);
  take(input['artifact']);
  return [...new Set(ids)];
}
