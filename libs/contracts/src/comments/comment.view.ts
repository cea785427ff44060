import type { ResourceView } from '../common';
import type { AuthorRole, CommentType } from '../enums';

/** One entry of a run's audit trail: about one task, or (taskId null) about the run as a whole. */
export interface CommentView extends ResourceView {
  taskId: string | null;
  runId: string;
  commentType: CommentType;
  authorRole: AuthorRole;
  agentId: string | null;
  body: string;
  metrics: Record<string, unknown>;
  blockers: string[];
  nextSteps: string[];
  replyCount: number;
}

export interface ReplyView extends ResourceView {
  commentId: string;
  /** Set when this reply answers another reply of the same comment. */
  parentReplyId: string | null;
  authorRole: AuthorRole;
  agentId: string | null;
  body: string;
}
