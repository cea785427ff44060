/**
 * The output each job kind returns in `AgentResult.output`. The orchestrator validates them before use;
 * these types are the shape both sides agree on.
 */
export type FindingSeverity = 'critical' | 'high' | 'medium' | 'low' | 'info';

export interface PlannedTask {
  /** Stable key within the plan, used for parent and dependency links before the task has an id. */
  key: string;
  title: string;
  description: string;
  parentKey?: string;
  dependsOn: string[];
  acceptanceCriteria: string[];
}

export interface AnalyzeRequirementsOutput {
  summary: string;
  requirements: string[];
}

export interface CreateTasksOutput {
  tasks: PlannedTask[];
}

export interface FileChange {
  path: string;
  content: string;
}

export interface ImplementOutput {
  summary: string;
  files: FileChange[];
}

export interface ReviewFinding {
  severity: FindingSeverity;
  message: string;
  path?: string;
}

export interface ReviewOutput {
  approved: boolean;
  findings: ReviewFinding[];
}

export interface TestOutput {
  passed: boolean;
  testsRun: number;
  failures: string[];
}

export interface SecurityFinding {
  severity: FindingSeverity;
  rule: string;
  message: string;
  path?: string;
}

export interface SecurityScanOutput {
  findings: SecurityFinding[];
}

export interface DocumentOutput {
  files: FileChange[];
}

export interface PrepareDeployOutput {
  files: FileChange[];
}
