import type { RunPorts } from '../../ports/run-ports';
import { NodeNames } from '../node-names';
import type { RunState, RunUpdate } from '../state';
import { runCycle } from '../steps/cycle';
import { readFiles } from '../steps/read-output';
import { completeStep, progressOf, singleJobCycle } from '../steps/single-job-cycle';

/** A developer lays down the repository skeleton every task builds on; its files go to the artifact store. */
export function bootstrapRepoNode(ports: RunPorts): (state: RunState) => Promise<RunUpdate> {
  const cycle = singleJobCycle(
    {
      node: NodeNames.bootstrapRepo,
      phase: 'bootstrap',
      next: (state) =>
        progressOf(state, NodeNames.bootstrapRepo).done
          ? null
          : { role: 'developer', kind: 'bootstrap_repo' },
      input: (state) =>
        Promise.resolve({
          analysis: state.analysis,
          tasks: state.taskOrder.map((id) => ({
            id,
            key: state.tasks[id]?.key,
            title: state.tasks[id]?.title,
          })),
        }),
      async apply(draft, _ports, job, result) {
        const read = readFiles(result.output);
        if (!read.ok) return read.error;
        const ref = await ports.artifacts.putFiles({ ...draft.view().run, jobId: job.jobId }, read.value);
        completeStep(draft, NodeNames.bootstrapRepo, ref);
        return null;
      },
    },
    ports,
  );
  return (state) => runCycle(state, ports, cycle);
}
