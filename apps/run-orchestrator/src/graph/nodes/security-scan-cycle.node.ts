import type { RunPorts } from '../../ports/run-ports';
import { NodeNames } from '../node-names';
import { afterSecurityScan, isBlocking } from '../routes/after-security-scan.route';
import type { RunState, RunUpdate } from '../state';
import { runCycle } from '../steps/cycle';
import { emitWarning } from '../steps/emit';
import { toNotes } from '../steps/finding-notes';
import { readFiles, readSecurityScan } from '../steps/read-output';
import {
  artifactsOf,
  completeStep,
  progressOf,
  singleJobCycle,
  updateProgress,
} from '../steps/single-job-cycle';

/**
 * Scan, and while findings at or above the gate remain and fix cycles are left, a developer fix followed
 * by a new scan. Both jobs belong to this node, so their attempts count up together (scan 1, fix 2, ...).
 */
export function securityScanCycleNode(ports: RunPorts): (state: RunState) => Promise<RunUpdate> {
  const node = NodeNames.securityScanCycle;
  const cycle = singleJobCycle(
    {
      node,
      phase: 'security',
      next(state) {
        if (progressOf(state, node).done) return null;
        return state.security.stage === 'fix'
          ? { role: 'developer', kind: 'fix' }
          : { role: 'security', kind: 'security_scan' };
      },
      input: (state) =>
        Promise.resolve(
          state.security.stage === 'fix'
            ? { findings: state.security.blocking, artifacts: artifactsOf(state) }
            : { artifacts: artifactsOf(state) },
        ),
      async apply(draft, _ports, job, result) {
        const state = draft.view();
        if (job.kind === 'fix') {
          const read = readFiles(result.output);
          if (!read.ok) return read.error;
          const ref = await ports.artifacts.putFiles({ ...state.run, jobId: job.jobId }, read.value);
          updateProgress(draft, node, { artifact: ref });
          draft.set('security', {
            ...state.security,
            stage: 'scan',
            fixCycles: state.security.fixCycles + 1,
            blocking: [],
          });
          return null;
        }
        const read = readSecurityScan(result.output);
        if (!read.ok) return read.error;
        const { gate, maxFixCycles } = state.config.security;
        const decision = afterSecurityScan({
          gate,
          severities: read.value.map((f) => f.severity),
          fixCyclesDone: state.security.fixCycles,
          maxFixCycles,
        });
        const findings = toNotes(read.value);
        const blocking = toNotes(read.value.filter((f) => isBlocking(gate, f.severity)));
        switch (decision.next) {
          case 'pass':
            draft.set('security', { ...state.security, stage: 'passed', findings, blocking: [] });
            if (decision.warning)
              await emitWarning(ports, state, 'SECURITY_FINDINGS', decision.warning, job.jobId);
            completeStep(draft, node);
            return null;
          case 'fix':
            draft.set('security', { ...state.security, stage: 'fix', findings, blocking });
            return null;
          case 'failed':
            draft.set('security', { ...state.security, findings, blocking });
            draft.set('outcome', { status: 'FAILED', reason: decision.reason });
            return null;
        }
      },
    },
    ports,
  );
  return (state) => runCycle(state, ports, cycle);
}
