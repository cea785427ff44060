import { Command, END, START, StateGraph, type BaseCheckpointSaver } from '@langchain/langgraph';
import type { RunPorts } from '../ports/run-ports';
import { NodeNames as N, type NodeName } from './node-names';
import { bootstrapRepoNode } from './nodes/bootstrap-repo.node';
import { devWorkCycleNode } from './nodes/dev-work-cycle.node';
import { devopsPrepareNode } from './nodes/devops-prepare.node';
import { docsFinalizeNode } from './nodes/docs-finalize.node';
import { finalDecisionNode } from './nodes/final-decision.node';
import { leadReviewCycleNode } from './nodes/lead-review-cycle.node';
import { pmAnalyzeRequirementsNode } from './nodes/pm-analyze-requirements.node';
import { pmCreateTasksNode } from './nodes/pm-create-tasks.node';
import { qaTestCycleNode } from './nodes/qa-test-cycle.node';
import { securityScanCycleNode } from './nodes/security-scan-cycle.node';
import { afterStep } from './routes/after-step.route';
import { afterWork } from './routes/after-work.route';
import { flattenState, RunStateAnnotation, type RunChannels, type RunState, type RunUpdate } from './state';

/**
 * A node and the edge out of it, as one function: the node works on the flat view of the state, and the
 * route is decided on the state its update leaves, then returned with the update as a `Command`. Every
 * channel of the run's state is replaced by its update (see state.ts), so that state is the channels
 * overlaid with the update. A conditional edge would decide the same, but LangGraph reads a router's state
 * through a fresh local checkpoint of the written channels (a copied checkpoint with a new uuid6 id, new
 * channels and the writes applied to them) on every super-step: 2.5% of the orchestrator's CPU samples at
 * 50 runs, and the graph alone on in-memory ports spent 2.33 ms of CPU per agent step with conditional edges
 * against 2.11-2.26 ms with this.
 */
const routed =
  (fn: (state: RunState) => Promise<RunUpdate>, route: (state: RunState) => NodeName) =>
  async (channels: RunChannels): Promise<Command> => {
    const update = await fn(flattenState(channels));
    const goto = route(flattenState({ ...channels, ...update } as RunChannels));
    return new Command({ update, goto });
  };

/** A node that runs one job at a time: itself, the next node, or final_decision. */
const stepNode = (fn: (state: RunState) => Promise<RunUpdate>, self: NodeName, next: NodeName) =>
  routed(fn, (s) => afterStep(s, self, next));
const stepEnds = (self: NodeName, next: NodeName): NodeName[] => [self, next, N.finalDecision];

const TASK_EXITS = [N.devWorkCycle, N.leadReviewCycle, N.qaTestCycle, N.securityScanCycle, N.finalDecision];

/**
 * The run workflow. Nodes talk to the world only through `ports`; the checkpointer makes the run
 * resumable from any step (use PostgresSaver in production, with `runInvokeConfig`). Every node but
 * final_decision routes itself (`routed`); `ends` lists where each may go.
 */
export function buildRunGraph(ports: RunPorts, options: { checkpointer: BaseCheckpointSaver }) {
  const finalDecision = finalDecisionNode(ports);
  return new StateGraph(RunStateAnnotation)
    .addNode(
      N.pmAnalyzeRequirements,
      stepNode(pmAnalyzeRequirementsNode(ports), N.pmAnalyzeRequirements, N.pmCreateTasks),
      { ends: stepEnds(N.pmAnalyzeRequirements, N.pmCreateTasks) },
    )
    .addNode(N.pmCreateTasks, stepNode(pmCreateTasksNode(ports), N.pmCreateTasks, N.bootstrapRepo), {
      ends: stepEnds(N.pmCreateTasks, N.bootstrapRepo),
    })
    .addNode(N.bootstrapRepo, stepNode(bootstrapRepoNode(ports), N.bootstrapRepo, N.devWorkCycle), {
      ends: stepEnds(N.bootstrapRepo, N.devWorkCycle),
    })
    .addNode(N.devWorkCycle, routed(devWorkCycleNode(ports), afterWork), { ends: TASK_EXITS })
    .addNode(N.leadReviewCycle, routed(leadReviewCycleNode(ports), afterWork), { ends: TASK_EXITS })
    .addNode(N.qaTestCycle, routed(qaTestCycleNode(ports), afterWork), { ends: TASK_EXITS })
    .addNode(
      N.securityScanCycle,
      stepNode(securityScanCycleNode(ports), N.securityScanCycle, N.docsFinalize),
      { ends: stepEnds(N.securityScanCycle, N.docsFinalize) },
    )
    .addNode(N.docsFinalize, stepNode(docsFinalizeNode(ports), N.docsFinalize, N.devopsPrepare), {
      ends: stepEnds(N.docsFinalize, N.devopsPrepare),
    })
    .addNode(N.devopsPrepare, stepNode(devopsPrepareNode(ports), N.devopsPrepare, N.finalDecision), {
      ends: [N.devopsPrepare, N.finalDecision],
    })
    .addNode(N.finalDecision, (channels: RunChannels) => finalDecision(flattenState(channels)))
    .addEdge(START, N.pmAnalyzeRequirements)
    .addEdge(N.finalDecision, END)
    .compile({ checkpointer: options.checkpointer });
}

export type RunGraph = ReturnType<typeof buildRunGraph>;
