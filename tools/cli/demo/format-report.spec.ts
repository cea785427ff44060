import type { RunView } from '@shipyard/contracts';
import { formatReport } from './format-report';

function makeRun(overrides: Partial<RunView> = {}): RunView {
  return {
    id: '6f1c2b1e-8a43-4a57-9c1d-1f2e3d4c5b6a',
    projectId: '1e2d3c4b-5a69-4788-9a0b-1c2d3e4f5a6b',
    status: 'COMPLETED',
    statusReason: 'all tasks done',
    configSnapshot: {} as RunView['configSnapshot'],
    budget: { maxTokens: 200_000, maxCostUsd: 10, onExceed: 'stop' },
    usage: { promptTokens: 900, completionTokens: 300, totalTokens: 1200 },
    costUsd: 0.5,
    finalReport: null,
    startedAt: '2026-11-24T04:00:00.000Z',
    finishedAt: '2026-11-24T04:00:10.000Z',
    createdAt: '2026-11-24T04:00:00.000Z',
    updatedAt: '2026-11-24T04:00:10.000Z',
    ...overrides,
  };
}

test('prints outcome, tasks, spend per role, cycles, findings and phases from the final report', () => {
  const lines = formatReport(
    makeRun({
      finalReport: {
        outcome: 'COMPLETED',
        tasks: [
          {
            taskId: 't1',
            title: 'Members API',
            status: 'DONE',
            reviewIterations: 2,
            fixCycles: 1,
            reason: null,
          },
          { taskId: 't2', title: 'Loans', status: 'DONE', reviewIterations: 1, fixCycles: 0, reason: null },
        ],
        usage: {
          tokens: 1200,
          costUsd: 0.5,
          byRole: { pm: { tokens: 200, costUsd: 0.1 }, developer: { tokens: 1000, costUsd: 0.4 } },
        },
        reviewIterations: 3,
        fixCycles: 1,
        securityFixCycles: 0,
        securityFindings: [{ severity: 'low', rule: 'headers', message: 'no CSP', path: 'src/app.ts' }],
        phases: [
          { phase: 'pm_analyze_requirements', ms: 1500 },
          { phase: 'dev_work_cycle', ms: 250 },
        ],
        startedAt: '2026-11-24T04:00:00.000Z',
        finishedAt: '2026-11-24T04:00:10.000Z',
      },
    }),
  );
  expect(lines).toEqual([
    'Run 6f1c2b1e-8a43-4a57-9c1d-1f2e3d4c5b6a',
    'Outcome: COMPLETED — all tasks done',
    '',
    'Tasks (2):',
    '  DONE         Members API  review 2, fixes 1',
    '  DONE         Loans        review 1, fixes 0',
    '',
    'Tokens and cost per role:',
    '  developer        1,000 tokens  $0.4000',
    '  pm                 200 tokens  $0.1000',
    '  total            1,200 tokens  $0.5000',
    '',
    'Review iterations: 3   fix cycles: 1   security fix cycles: 0',
    'Security findings: 1',
    '  low       headers at src/app.ts: no CSP',
    '',
    'Time per phase:',
    '  pm_analyze_requirements    1.5 s',
    '  dev_work_cycle             250 ms',
    '  total                      10.0 s',
  ]);
});

test('a run without a report says so and still shows its spend', () => {
  expect(formatReport(makeRun({ status: 'STOPPED_USER', statusReason: 'stopped by user' }))).toEqual([
    'Run 6f1c2b1e-8a43-4a57-9c1d-1f2e3d4c5b6a',
    'Outcome: STOPPED_USER — stopped by user',
    '(the run has no final report: it ended before final_decision wrote one)',
    'Spend: 1,200 tokens, $0.5000',
  ]);
});
