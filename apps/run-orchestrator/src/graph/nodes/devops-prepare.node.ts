import type { RunPorts } from '../../ports/run-ports';
import { NodeNames } from '../node-names';
import type { RunState, RunUpdate } from '../state';
import { runCycle } from '../steps/cycle';
import { readFiles } from '../steps/read-output';
import { artifactsOf, completeStep, progressOf, singleJobCycle } from '../steps/single-job-cycle';

/** The devops agent writes build, CI and deployment files for the finished repository. */
export function devopsPrepareNode(ports: RunPorts): (state: RunState) => Promise<RunUpdate> {
  const cycle = singleJobCycle(
    {
      node: NodeNames.devopsPrepare,
      phase: 'devops',
      next: (state) =>
        progressOf(state, NodeNames.devopsPrepare).done ? null : { role: 'devops', kind: 'prepare_deploy' },
      input: (state) => Promise.resolve({ analysis: state.analysis, artifacts: artifactsOf(state) }),
      async apply(draft, _ports, job, result) {
        const read = readFiles(result.output);
        if (!read.ok) return read.error;
        const ref = await ports.artifacts.putFiles({ ...draft.view().run, jobId: job.jobId }, read.value);
        completeStep(draft, NodeNames.devopsPrepare, ref);
        return null;
      },
    },
    ports,
  );
  return (state) => runCycle(state, ports, cycle);
}
