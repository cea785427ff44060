import type { INestApplication } from '@nestjs/common';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DomainError, ListFiles, PutFiles, type ErrorReply } from '@shipyard/contracts';
import { parseConfig } from '@shipyard/shared/config';
import { bootstrapService, NatsRpcClient } from '@shipyard/shared/messaging';
import { testNatsPrefix } from '@shipyard/shared/testing';
import { createArtifactModule } from './artifact.module';
import { ArtifactServiceConfig } from './config.schema';
import { GitWorkspaces } from './workspace/git-workspaces';

// Real: the artifact service's module over real NATS (a subject prefix of this file's own), real git on a
// temporary ARTIFACT_ROOT. Faked: nothing.
const exec = promisify(execFile);
let root: string;
let app: INestApplication;
let client: NatsRpcClient;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'artifact-spec-'));
  const prefix = testNatsPrefix();
  const config = parseConfig(ArtifactServiceConfig, {
    ...process.env,
    NATS_SUBJECT_PREFIX: prefix,
    ARTIFACT_ROOT: root,
    LOG_LEVEL: 'silent',
    HEALTH_PORT: '0',
  });
  app = await bootstrapService({ service: 'artifact-service', module: createArtifactModule(config), config });
  client = new NatsRpcClient({
    url: config.NATS_URL,
    subjectPrefix: prefix,
    timeoutMs: 20_000,
    name: 'artifact-spec',
  });
  await client.connect();
});

afterAll(async () => {
  await client?.close();
  await app?.close();
  await rm(root, { recursive: true, force: true });
});

const tenantId = randomUUID();

function put(req: Omit<PutFiles.Request, 'tenantId'> & { tenantId?: string }): Promise<PutFiles.Reply> {
  return client.request<PutFiles.Reply>(PutFiles.Subject, { tenantId, ...req });
}

function list(req: Omit<ListFiles.Request, 'tenantId'> & { tenantId?: string }): Promise<ListFiles.Reply> {
  return client.request<ListFiles.Reply>(ListFiles.Subject, { tenantId, ...req });
}

async function failure(work: Promise<unknown>): Promise<ErrorReply> {
  try {
    await work;
  } catch (error) {
    if (error instanceof DomainError) return error.toReply();
    throw error;
  }
  throw new Error('expected the request to fail');
}

/** What git itself says about the run's repository: commits (newest first) with their messages. */
async function gitLog(runId: string): Promise<string[]> {
  const { stdout } = await exec('git', [
    '--git-dir',
    join(root, tenantId, `${runId}.git`),
    'log',
    '--format=%s|%b',
    'main',
  ]);
  return stdout
    .trim()
    .split('\n')
    .filter((line) => line.includes('|'));
}

test('each job becomes one commit on the run workspace; files accumulate across jobs', async () => {
  const runId = randomUUID();
  const first = await put({
    runId,
    jobId: `${runId}:dev:T1:1`,
    message: 'Members API',
    files: [
      { path: 'src/members.ts', content: 'export const members = [];\n' },
      { path: 'README.md', content: '# Shelf\n' },
    ],
  });
  expect(first).toMatchObject({ runId, created: true, fileCount: 2, bytes: 35 });
  expect(first.commit).toMatch(/^[0-9a-f]{40}$/);
  const second = await put({
    runId,
    jobId: `${runId}:dev:T2:1`,
    files: [
      { path: 'src/loans.ts', content: 'export const loans = [];\n' },
      { path: 'README.md', content: '# Shelf\n\nLoans.\n' },
    ],
  });
  expect(second.created).toBe(true);
  expect(second.commit).not.toBe(first.commit);

  const latest = await list({ runId, includeContent: true });
  expect(latest.commit).toBe(second.commit);
  expect(latest.files.map((f) => [f.path, f.content])).toEqual([
    ['README.md', '# Shelf\n\nLoans.\n'],
    ['src/loans.ts', 'export const loans = [];\n'],
    ['src/members.ts', 'export const members = [];\n'],
  ]);
  // The first job's own commit is still there, by job id or by commit id.
  const byJob = await list({ runId, jobId: `${runId}:dev:T1:1` });
  expect(byJob.commit).toBe(first.commit);
  expect(byJob.files.map((f) => f.path)).toEqual(['README.md', 'src/members.ts']);
  expect((await list({ runId, commit: first.commit, prefix: 'src/' })).files.map((f) => f.path)).toEqual([
    'src/members.ts',
  ]);

  const log = await gitLog(runId);
  expect(log).toHaveLength(2);
  expect(log[1]).toContain(`Members API|Job-Id: ${runId}:dev:T1:1`);
  expect(log[0]).toContain(`Job-Id: ${runId}:dev:T2:1`);
});

test('storing the same job twice, even concurrently, returns the first commit and writes nothing more', async () => {
  const runId = randomUUID();
  const job = { runId, jobId: `${runId}:dev:T1:1`, files: [{ path: 'a.txt', content: 'one\n' }] };
  const replies = await Promise.all([put(job), put(job), put(job)]);
  expect(new Set(replies.map((r) => r.commit)).size).toBe(1);
  expect(replies.filter((r) => r.created)).toHaveLength(1);
  // A redelivery with different content (a non-deterministic retry) still keeps the first commit.
  const again = await put({ ...job, files: [{ path: 'a.txt', content: 'two\n' }] });
  expect(again).toMatchObject({ commit: replies[0].commit, created: false });
  expect(await gitLog(runId)).toHaveLength(1);
  expect((await list({ runId, includeContent: true })).files[0]?.content).toBe('one\n');
});

test('concurrent jobs of one run all land, each in its own commit, none lost', async () => {
  const runId = randomUUID();
  const jobs = Array.from({ length: 6 }, (_, i) => ({
    runId,
    jobId: `${runId}:dev:T${i}:1`,
    files: [{ path: `src/task-${i}.ts`, content: `export const n = ${i};\n` }],
  }));
  const replies = await Promise.all(jobs.map((job) => put(job)));
  expect(replies.every((r) => r.created)).toBe(true);
  expect(await gitLog(runId)).toHaveLength(6);
  expect((await list({ runId })).files.map((f) => f.path).sort()).toEqual(
    jobs.map((j) => j.files[0]!.path).sort(),
  );
});

test('paths that could leave the workspace or touch git are refused, and nothing is written', async () => {
  const runId = randomUUID();
  for (const path of [
    '../escape.txt',
    '/etc/passwd',
    'src/../../x',
    '.git/hooks/post-commit',
    'a\\b',
    'dir//x',
  ]) {
    const reply = await failure(put({ runId, jobId: 'job-1', files: [{ path, content: 'x' }] }));
    expect(reply.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(reply.details)).toContain('files.0.path');
  }
  const noFiles = await failure(put({ runId, jobId: 'job-1', files: [] }));
  expect(noFiles.code).toBe('VALIDATION_FAILED');
  const badRun = await failure(list({ runId: 'not-a-run' }));
  expect(badRun.code).toBe('VALIDATION_FAILED');
  expect(await readdir(join(root, tenantId)).catch(() => [])).not.toContain(`${runId}.git`);
});

test('a run without a workspace, an unknown job and another tenant all read as no files', async () => {
  const runId = randomUUID();
  expect(await list({ runId })).toEqual({ runId, commit: null, files: [] });
  await put({ runId, jobId: 'job-1', files: [{ path: 'a.txt', content: 'a' }] });
  expect(await list({ runId, jobId: 'job-2' })).toEqual({ runId, commit: null, files: [] });
  expect(await list({ runId, tenantId: randomUUID() })).toEqual({ runId, commit: null, files: [] });
});

test('two replicas writing one run at once: the compare-and-set keeps every job, each once', async () => {
  // Two GitWorkspaces on the same root are two replicas: no shared in-process queue between them.
  const replicas = [new GitWorkspaces(root), new GitWorkspaces(root)];
  const runId = randomUUID();
  const jobs = Array.from({ length: 8 }, (_, i) => ({
    tenantId,
    runId,
    jobId: `${runId}:dev:R${i}:1`,
    files: [{ path: `src/r${i}.ts`, content: `export const r = ${i};\n` }],
  }));
  // Every job is sent to both replicas at the same time, as a redelivery racing the original would be.
  const replies = await Promise.all(jobs.flatMap((job) => replicas.map((replica) => replica.put(job))));
  expect(replies.filter((r) => r.created)).toHaveLength(8);
  expect(await gitLog(runId)).toHaveLength(8);
  expect((await list({ runId })).files).toHaveLength(8);
});
