import { randomUUID } from 'node:crypto';
import { AgentJob, validateContract, type JobKind } from '@shipyard/contracts';
import { KIND_ROLES } from '../handlers/handler.registry';

const REQUIREMENTS =
  'Build a URL shortener. Users create short links for long URLs. Links expire after 30 days. Owners see click counts.';
const ANALYSIS = {
  summary: 'A URL shortener with expiring links and click counts.',
  requirements: [
    'REQ-1: create short links',
    'REQ-2: links expire after 30 days',
    'REQ-3: owners see click counts',
  ],
};
const TASK = {
  id: '9b2f4c52-5c57-4a8e-9a51-2b1f43a7f0de',
  key: 'T1',
  title: 'Short link creation',
  description: 'Create a short code for a long URL and store the mapping.',
  acceptanceCriteria: ['rejects invalid URLs', 'codes are unique', 'returns the short URL'],
};
const FILES = [
  {
    path: 'src/short-link-creation.ts',
    content: 'export function createShortLink(url: string): string {\n  return url.slice(0, 8);\n}\n',
  },
  {
    path: 'src/short-link-creation.spec.ts',
    content: "it('shortens', () => expect(createShortLink('https://a.b')).toBeTruthy());\n",
  },
];

/**
 * The input each kind carries, shaped like the orchestrator's graph sends it (see run-orchestrator's
 * graph nodes and steps/task-cycle.ts), so these specs exercise what production sends.
 */
export const SAMPLE_INPUTS: Readonly<Record<JobKind, Record<string, unknown>>> = {
  analyze_requirements: { requirements: REQUIREMENTS },
  create_tasks: { requirements: REQUIREMENTS, analysis: ANALYSIS },
  bootstrap_repo: { analysis: ANALYSIS, tasks: [{ id: TASK.id, key: 'T1', title: TASK.title }] },
  implement: { task: TASK, repo: { id: 'artifact-1', fileCount: 5, bytes: 1200 }, dependencies: [] },
  fix: {
    task: TASK,
    artifact: { id: 'artifact-2', fileCount: 2, bytes: 300 },
    findings: [{ severity: 'high', message: 'URLs are not validated', path: 'src/short-link-creation.ts' }],
  },
  review: { task: TASK, artifact: { id: 'artifact-2', fileCount: 2, bytes: 300 }, round: 1 },
  test: { task: TASK, artifact: { id: 'artifact-2', fileCount: 2, bytes: 300 }, files: FILES },
  security_scan: { artifacts: [{ id: 'artifact-2', fileCount: 2, bytes: 300 }], files: FILES },
  document: { analysis: ANALYSIS, artifacts: [{ id: 'artifact-2', fileCount: 2, bytes: 300 }] },
  prepare_deploy: { analysis: ANALYSIS, artifacts: [{ id: 'artifact-2', fileCount: 2, bytes: 300 }] },
};

/** A valid job of `kind` for its role, on the offline model; every field can be overridden. */
export function makeAgentJob(kind: JobKind, overrides: Partial<AgentJob> = {}): AgentJob {
  const runId = overrides.runId ?? randomUUID();
  const plain = {
    jobId: `${runId}:${kind}:${randomUUID().slice(0, 8)}:1`,
    tenantId: randomUUID(),
    runId,
    role: KIND_ROLES[kind],
    kind,
    attempt: 1,
    model: { provider: 'offline', model: 'shipyard-offline-1', temperature: 0 },
    input: SAMPLE_INPUTS[kind],
    dispatchedAt: new Date().toISOString(),
    ...overrides,
  };
  return validateContract(AgentJob, JSON.parse(JSON.stringify(plain)));
}
