import { END, START, StateGraph, type BaseCheckpointSaver } from '@langchain/langgraph';
import type { RunPorts } from '../ports/run-ports';
import { NodeNames as N } from './node-names';
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
import { RunStateAnnotation } from './state';

const TASK_EXITS = [N.devWorkCycle, N.leadReviewCycle, N.qaTestCycle, N.securityScanCycle, N.finalDecision];

/**
 * The run workflow. Nodes talk to the world only through `ports`; the checkpointer makes the run
 * resumable from any step (use PostgresSaver in production, with `runInvokeConfig`).
 */
export function buildRunGraph(ports: RunPorts, options: { checkpointer: BaseCheckpointSaver }) {
  return new StateGraph(RunStateAnnotation)
    .addNode(N.pmAnalyzeRequirements, pmAnalyzeRequirementsNode(ports))
    .addNode(N.pmCreateTasks, pmCreateTasksNode(ports))
    .addNode(N.bootstrapRepo, bootstrapRepoNode(ports))
    .addNode(N.devWorkCycle, devWorkCycleNode(ports))
    .addNode(N.leadReviewCycle, leadReviewCycleNode(ports))
    .addNode(N.qaTestCycle, qaTestCycleNode(ports))
    .addNode(N.securityScanCycle, securityScanCycleNode(ports))
    .addNode(N.docsFinalize, docsFinalizeNode(ports))
    .addNode(N.devopsPrepare, devopsPrepareNode(ports))
    .addNode(N.finalDecision, finalDecisionNode(ports))
    .addEdge(START, N.pmAnalyzeRequirements)
    .addConditionalEdges(
      N.pmAnalyzeRequirements,
      (s) => afterStep(s, N.pmAnalyzeRequirements, N.pmCreateTasks),
      [N.pmAnalyzeRequirements, N.pmCreateTasks, N.finalDecision],
    )
    .addConditionalEdges(N.pmCreateTasks, (s) => afterStep(s, N.pmCreateTasks, N.bootstrapRepo), [
      N.pmCreateTasks,
      N.bootstrapRepo,
      N.finalDecision,
    ])
    .addConditionalEdges(N.bootstrapRepo, (s) => afterStep(s, N.bootstrapRepo, N.devWorkCycle), [
      N.bootstrapRepo,
      N.devWorkCycle,
      N.finalDecision,
    ])
    .addConditionalEdges(N.devWorkCycle, afterWork, TASK_EXITS)
    .addConditionalEdges(N.leadReviewCycle, afterWork, TASK_EXITS)
    .addConditionalEdges(N.qaTestCycle, afterWork, TASK_EXITS)
    .addConditionalEdges(N.securityScanCycle, (s) => afterStep(s, N.securityScanCycle, N.docsFinalize), [
      N.securityScanCycle,
      N.docsFinalize,
      N.finalDecision,
    ])
    .addConditionalEdges(N.docsFinalize, (s) => afterStep(s, N.docsFinalize, N.devopsPrepare), [
      N.docsFinalize,
      N.devopsPrepare,
      N.finalDecision,
    ])
    .addConditionalEdges(N.devopsPrepare, (s) => afterStep(s, N.devopsPrepare, N.finalDecision), [
      N.devopsPrepare,
      N.finalDecision,
    ])
    .addEdge(N.finalDecision, END)
    .compile({ checkpointer: options.checkpointer });
}

export type RunGraph = ReturnType<typeof buildRunGraph>;
