export const TaskStatuses = [
  'PENDING',
  'IN_PROGRESS',
  'IN_REVIEW',
  'IN_QA',
  'BLOCKED',
  'DONE',
  'FAILED',
  'CANCELLED',
] as const;
export type TaskStatus = (typeof TaskStatuses)[number];
