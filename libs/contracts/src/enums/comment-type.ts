/** Kinds of entry in a task's audit trail. */
export const CommentTypes = [
  'NOTE',
  'PROGRESS',
  'REVIEW',
  'TEST_REPORT',
  'SECURITY_FINDING',
  'DECISION',
  'BLOCKER',
  'HANDOFF',
] as const;
export type CommentType = (typeof CommentTypes)[number];
