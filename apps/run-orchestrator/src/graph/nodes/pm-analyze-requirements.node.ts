import type { RunPorts } from '../../ports/run-ports';
import { NodeNames } from '../node-names';
import type { RunState, RunUpdate } from '../state';
import { runCycle } from '../steps/cycle';
import { readAnalysis } from '../steps/read-output';
import { completeStep, singleJobCycle } from '../steps/single-job-cycle';

const MAX_STATEMENTS = 100;
const MAX_TEXT = 2_000;

/** The PM turns the requirement text into a summary and a list of testable statements. */
export function pmAnalyzeRequirementsNode(ports: RunPorts): (state: RunState) => Promise<RunUpdate> {
  const cycle = singleJobCycle(
    {
      node: NodeNames.pmAnalyzeRequirements,
      phase: 'analysis',
      next: (state) => (state.analysis ? null : { role: 'pm', kind: 'analyze_requirements' }),
      input: (state) => Promise.resolve({ requirements: state.requirements }),
      apply(draft, _ports, _job, result) {
        const read = readAnalysis(result.output);
        if (!read.ok) return Promise.resolve(read.error);
        // Bounded because the analysis stays in the state (and in later jobs' inputs) for the whole run.
        draft.set('analysis', {
          summary: read.value.summary.slice(0, MAX_TEXT),
          requirements: read.value.requirements.slice(0, MAX_STATEMENTS).map((r) => r.slice(0, MAX_TEXT)),
        });
        completeStep(draft, NodeNames.pmAnalyzeRequirements);
        return Promise.resolve(null);
      },
    },
    ports,
  );
  return (state) => runCycle(state, ports, cycle);
}
