import type { RunPorts } from '../../ports/run-ports';
import { NodeNames } from '../node-names';
import type { RunState, RunUpdate } from '../state';
import { runCycle } from '../steps/cycle';
import { readFiles } from '../steps/read-output';
import { artifactsOf, completeStep, progressOf, singleJobCycle } from '../steps/single-job-cycle';

/** The docs agent documents what was built, from the artifact references of every step so far. */
export function docsFinalizeNode(ports: RunPorts): (state: RunState) => Promise<RunUpdate> {
  const cycle = singleJobCycle(
    {
      node: NodeNames.docsFinalize,
      phase: 'docs',
      next: (state) =>
        progressOf(state, NodeNames.docsFinalize).done ? null : { role: 'docs', kind: 'document' },
      input: (state) => Promise.resolve({ analysis: state.analysis, artifacts: artifactsOf(state) }),
      async apply(draft, _ports, job, result) {
        const read = readFiles(result.output);
        if (!read.ok) return read.error;
        const ref = await ports.artifacts.putFiles({ ...draft.view().run, jobId: job.jobId }, read.value);
        completeStep(draft, NodeNames.docsFinalize, ref);
        return null;
      },
    },
    ports,
  );
  return (state) => runCycle(state, ports, cycle);
}
