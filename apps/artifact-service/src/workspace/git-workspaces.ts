import { createHash, randomUUID } from 'node:crypto';
import { access, mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DomainError, isUuid, ListFiles, type PutFiles } from '@shipyard/contracts';
import { git } from './git';
import { KeyedSerialQueue } from './keyed-serial-queue';

type ListedFile = ListFiles.ListedFile;

const MAIN = 'refs/heads/main';
const NO_COMMIT = '0'.repeat(40);
/** Another replica moved the run's branch between our read and our compare-and-set: build on the new head. */
const CAS_ATTEMPTS = 8;

/**
 * One bare git repository per run (`<root>/<tenant>/<run>.git`), written only through git's plumbing:
 * blobs, a tree built in a private index file, a commit, then ONE atomic ref transaction that moves
 * `main` from the head we built on (compare-and-set) and creates `refs/jobs/<sha256(jobId)>` (which must
 * not exist). So a job is stored at most once whatever runs concurrently, a kill -9 at any moment leaves
 * either the whole commit visible or nothing (unreferenced objects only), and no lock file can be left
 * behind to wedge the repository. A working copy is a `git clone` of the repository away.
 */
export class GitWorkspaces {
  private readonly writes = new KeyedSerialQueue();

  constructor(private readonly root: string) {}

  put(req: PutFiles.Request): Promise<PutFiles.Reply> {
    const dir = this.repoDir(req.tenantId, req.runId);
    return this.writes.run(dir, () => this.putSerialised(dir, req));
  }

  async list(req: ListFiles.Request): Promise<ListFiles.Reply> {
    const dir = this.repoDir(req.tenantId, req.runId);
    const empty: ListFiles.Reply = { runId: req.runId, commit: null, files: [] };
    if (!(await exists(dir))) return empty;
    const commit = await resolveCommit(dir, req.commit ? req.commit : req.jobId ? jobRef(req.jobId) : MAIN);
    if (!commit) return empty;
    const tree = await git(dir, ['ls-tree', '-r', '-l', '-z', commit]);
    const files = parseLsTree(tree.stdout).filter((file) => !req.prefix || file.path.startsWith(req.prefix));
    if (req.includeContent) await this.attachContents(dir, files);
    return { runId: req.runId, commit, files };
  }

  private async putSerialised(dir: string, req: PutFiles.Request): Promise<PutFiles.Reply> {
    const counts = {
      fileCount: req.files.length,
      bytes: req.files.reduce((sum, file) => sum + Buffer.byteLength(file.content, 'utf8'), 0),
    };
    const answer = (commit: string, created: boolean): PutFiles.Reply => ({
      runId: req.runId,
      jobId: req.jobId,
      commit,
      created,
      ...counts,
    });
    await this.ensureRepo(dir);
    const stored = await resolveCommit(dir, jobRef(req.jobId));
    if (stored) return answer(stored, false);

    for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt += 1) {
      const head = await resolveCommit(dir, MAIN);
      const commit = await this.buildCommit(dir, head, req);
      const transaction = [
        'start',
        `update ${MAIN} ${commit} ${head ?? NO_COMMIT}`,
        `create ${jobRef(req.jobId)} ${commit}`,
        'prepare',
        'commit',
        '',
      ].join('\n');
      const result = await git(dir, ['update-ref', '--stdin'], { input: transaction, allowFailure: true });
      if (result.code === 0) return answer(commit, true);
      // Either another writer stored this very job (answer its commit), or main moved (build again on it).
      const raced = await resolveCommit(dir, jobRef(req.jobId));
      if (raced) return answer(raced, false);
    }
    throw new DomainError(
      'CONFLICT',
      'The run workspace kept changing; try again',
      { runId: req.runId },
      true,
    );
  }

  /** A commit of `head`'s tree plus the job's files, built in a private index; no ref changes. */
  private async buildCommit(dir: string, head: string | null, req: PutFiles.Request): Promise<string> {
    const env = { GIT_INDEX_FILE: join(dir, `index-${randomUUID()}`) };
    try {
      if (head) await git(dir, ['read-tree', head], { env });
      const entries: string[] = [];
      for (const file of req.files) {
        const blob = await git(dir, ['hash-object', '-w', '--stdin'], { input: file.content });
        entries.push(`100644 ${blob.stdout.toString('utf8').trim()}\t${file.path}\0`);
      }
      // --replace: a file may take the place of a directory of the same name, and the other way round.
      await git(dir, ['update-index', '--add', '--replace', '-z', '--index-info'], {
        env,
        input: entries.join(''),
      });
      const tree = (await git(dir, ['write-tree'], { env })).stdout.toString('utf8').trim();
      const message = `${req.message ?? `Files of job ${req.jobId}`}\n\nJob-Id: ${req.jobId}\n${req.taskId ? `Task-Id: ${req.taskId}\n` : ''}`;
      const parents = head ? ['-p', head] : [];
      return (await git(dir, ['commit-tree', tree, ...parents], { input: message })).stdout
        .toString('utf8')
        .trim();
    } finally {
      await rm(env.GIT_INDEX_FILE, { force: true });
    }
  }

  /** Creates the repository under a temporary name and renames it into place: it exists whole or not at all. */
  private async ensureRepo(dir: string): Promise<void> {
    if (await exists(join(dir, 'HEAD'))) return;
    const temp = `${dir}.init-${randomUUID()}`;
    await mkdir(temp, { recursive: true });
    try {
      await git(temp, ['init', '--bare', '--quiet', '--initial-branch=main', temp]);
      await rename(temp, dir).catch((error: NodeJS.ErrnoException) => {
        // Another writer created it first: theirs is as good as ours.
        if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
      });
    } finally {
      await rm(temp, { recursive: true, force: true });
    }
  }

  private async attachContents(dir: string, files: ListedFile[]): Promise<void> {
    const total = files.reduce((sum, file) => sum + file.bytes, 0);
    if (total > ListFiles.MAX_CONTENT_BYTES) {
      throw new DomainError(
        'PAYLOAD_TOO_LARGE',
        'The files are too large to send at once; narrow them with prefix',
        {
          bytes: total,
          limitBytes: ListFiles.MAX_CONTENT_BYTES,
        },
      );
    }
    if (files.length === 0) return;
    const batch = await git(dir, ['cat-file', '--batch'], {
      input: files.map((file) => `${file.blob}\n`).join(''),
    });
    let offset = 0;
    for (const file of files) {
      const headerEnd = batch.stdout.indexOf(0x0a, offset);
      const size = Number(batch.stdout.subarray(offset, headerEnd).toString('utf8').split(' ')[2]);
      file.content = batch.stdout.subarray(headerEnd + 1, headerEnd + 1 + size).toString('utf8');
      offset = headerEnd + 1 + size + 1;
    }
  }

  private repoDir(tenantId: string, runId: string): string {
    // The contract validated both; checked again because they become path segments.
    if (!isUuid(tenantId) || !isUuid(runId)) throw new Error('tenant and run ids must be UUIDs');
    return join(this.root, tenantId.toLowerCase(), `${runId.toLowerCase()}.git`);
  }
}

/** Job ids may hold characters refs may not (`:`), so the ref is named by the id's hash. */
function jobRef(jobId: string): string {
  return `refs/jobs/${createHash('sha256').update(jobId).digest('hex')}`;
}

async function resolveCommit(dir: string, rev: string): Promise<string | null> {
  const result = await git(dir, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], {
    allowFailure: true,
  });
  return result.code === 0 ? result.stdout.toString('utf8').trim() : null;
}

/** `git ls-tree -r -l -z`: `<mode> <type> <blob> <size>\t<path>\0` per file. */
function parseLsTree(output: Buffer): ListedFile[] {
  return output
    .toString('utf8')
    .split('\0')
    .filter((entry) => entry.length > 0)
    .flatMap((entry) => {
      const tab = entry.indexOf('\t');
      const [, type, blob, size] = entry.slice(0, tab).split(/\s+/);
      if (type !== 'blob' || !blob) return [];
      return [{ path: entry.slice(tab + 1), bytes: Number(size), blob }];
    });
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
