import type { ResourceView } from '../common';
import type { AuthorRole, CommentType } from '../enums';

/** One entry of a task's audit trail. */
export interface CommentView extends ResourceView {
  taskId: string;
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
