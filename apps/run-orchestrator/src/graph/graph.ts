import { END, START, StateGraph, type BaseCheckpointSaver } from '@langchain/langgraph';
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

/** Nodes and routers work on the flat view of the state. */
const flat =
  <T>(fn: (state: RunState) => T) =>
  (channels: RunChannels): T =>
    fn(flattenState(channels));
const node = (fn: (state: RunState) => Promise<RunUpdate>) => flat(fn);

/** The edge out of a one-job-at-a-time node: itself, the next node, or final_decision. */
const stepRoute = (self: NodeName, next: NodeName) => flat((s) => afterStep(s, self, next));

const TASK_EXITS = [N.devWorkCycle, N.leadReviewCycle, N.qaTestCycle, N.securityScanCycle, N.finalDecision];

/**
 * The run workflow. Nodes talk to the world only through `ports`; the checkpointer makes the run
 * resumable from any step (use PostgresSaver in production, with `runInvokeConfig`).
 */
export function buildRunGraph(ports: RunPorts, options: { checkpointer: BaseCheckpointSaver }) {
  return new StateGraph(RunStateAnnotation)
    .addNode(N.pmAnalyzeRequirements, node(pmAnalyzeRequirementsNode(ports)))
    .addNode(N.pmCreateTasks, node(pmCreateTasksNode(ports)))
    .addNode(N.bootstrapRepo, node(bootstrapRepoNode(ports)))
    .addNode(N.devWorkCycle, node(devWorkCycleNode(ports)))
    .addNode(N.leadReviewCycle, node(leadReviewCycleNode(ports)))
    .addNode(N.qaTestCycle, node(qaTestCycleNode(ports)))
    .addNode(N.securityScanCycle, node(securityScanCycleNode(ports)))
    .addNode(N.docsFinalize, node(docsFinalizeNode(ports)))
    .addNode(N.devopsPrepare, node(devopsPrepareNode(ports)))
    .addNode(N.finalDecision, node(finalDecisionNode(ports)))
    .addEdge(START, N.pmAnalyzeRequirements)
    .addConditionalEdges(N.pmAnalyzeRequirements, stepRoute(N.pmAnalyzeRequirements, N.pmCreateTasks), [
      N.pmAnalyzeRequirements,
      N.pmCreateTasks,
      N.finalDecision,
    ])
    .addConditionalEdges(N.pmCreateTasks, stepRoute(N.pmCreateTasks, N.bootstrapRepo), [
      N.pmCreateTasks,
      N.bootstrapRepo,
      N.finalDecision,
    ])
    .addConditionalEdges(N.bootstrapRepo, stepRoute(N.bootstrapRepo, N.devWorkCycle), [
      N.bootstrapRepo,
      N.devWorkCycle,
      N.finalDecision,
    ])
    .addConditionalEdges(N.devWorkCycle, flat(afterWork), TASK_EXITS)
    .addConditionalEdges(N.leadReviewCycle, flat(afterWork), TASK_EXITS)
    .addConditionalEdges(N.qaTestCycle, flat(afterWork), TASK_EXITS)
    .addConditionalEdges(N.securityScanCycle, stepRoute(N.securityScanCycle, N.docsFinalize), [
      N.securityScanCycle,
      N.docsFinalize,
      N.finalDecision,
    ])
    .addConditionalEdges(N.docsFinalize, stepRoute(N.docsFinalize, N.devopsPrepare), [
      N.docsFinalize,
      N.devopsPrepare,
      N.finalDecision,
    ])
    .addConditionalEdges(N.devopsPrepare, stepRoute(N.devopsPrepare, N.finalDecision), [
      N.devopsPrepare,
      N.finalDecision,
    ])
    .addEdge(N.finalDecision, END)
    .compile({ checkpointer: options.checkpointer });
}

export type RunGraph = ReturnType<typeof buildRunGraph>;
