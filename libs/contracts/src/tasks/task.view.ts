import type { ResourceView } from '../common';
import type { AgentRole, TaskStatus } from '../enums';

export interface TaskView extends ResourceView {
  runId: string;
  parentTaskId: string | null;
  title: string;
  description: string;
  dependsOn: string[];
  acceptanceCriteria: string[];
  status: TaskStatus;
  assignedRole: AgentRole | null;
  assignedAgentId: string | null;
}

export interface TaskWithChildrenView extends TaskView {
  children: TaskView[];
}
