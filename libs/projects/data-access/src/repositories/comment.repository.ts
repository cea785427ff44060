import { randomUUID } from 'node:crypto';
import { In, type EntityManager } from 'typeorm';
import type { AuthorRole, CommentType, CommentView, Page, ReplyView } from '@shipyard/contracts';
import { toPage, type PageWindow } from '@shipyard/projects/domain';
import { CommentEntity } from '../entities/comment.entity';
import { ReplyEntity } from '../entities/reply.entity';
import { iso } from './iso';
import { insertRow } from './insert-row';

export interface NewComment {
  taskId: string;
  runId: string;
  commentType: CommentType;
  authorRole: AuthorRole;
  agentId: string | null;
  body: string;
  metrics: Record<string, unknown>;
  blockers: string[];
  nextSteps: string[];
}

export interface NewReply {
  commentId: string;
  parentReplyId: string | null;
  authorRole: AuthorRole;
  agentId: string | null;
  body: string;
}

export interface CommentFilter {
  runId?: string;
  taskId?: string;
  commentType?: CommentType;
  agentId?: string;
}

/** Task comments (the audit trail) and their threaded replies. */
export class CommentRepository {
  constructor(private readonly db: EntityManager) {}

  private get comments() {
    return this.db.getRepository(CommentEntity);
  }

  private get replies() {
    return this.db.getRepository(ReplyEntity);
  }

  async create(tenantId: string, comment: NewComment): Promise<CommentView> {
    const row = await insertRow(this.comments, { id: randomUUID(), tenantId, ...comment });
    return toCommentView(row, 0);
  }

  async exists(tenantId: string, id: string): Promise<boolean> {
    return this.comments.existsBy({ tenantId, id });
  }

  /** Oldest first: an audit trail reads in order. */
  async list(tenantId: string, filter: CommentFilter, window: PageWindow): Promise<Page<CommentView>> {
    const [rows, total] = await this.comments.findAndCount({
      where: {
        tenantId,
        ...(filter.runId ? { runId: filter.runId } : {}),
        ...(filter.taskId ? { taskId: filter.taskId } : {}),
        ...(filter.commentType ? { commentType: filter.commentType } : {}),
        ...(filter.agentId ? { agentId: filter.agentId } : {}),
      },
      order: { createdAt: 'ASC', id: 'ASC' },
      skip: window.skip,
      take: window.limit,
    });
    const counts = await this.replyCounts(
      tenantId,
      rows.map((r) => r.id),
    );
    return toPage(
      rows.map((r) => toCommentView(r, counts.get(r.id) ?? 0)),
      total,
      window,
    );
  }

  async createReply(tenantId: string, reply: NewReply): Promise<ReplyView> {
    const row = await insertRow(this.replies, { id: randomUUID(), tenantId, ...reply });
    return toReplyView(row);
  }

  async replyExists(tenantId: string, commentId: string, id: string): Promise<boolean> {
    return this.replies.existsBy({ tenantId, commentId, id });
  }

  /** Oldest first, so a thread reads in order. */
  async listReplies(tenantId: string, commentId: string, window: PageWindow): Promise<Page<ReplyView>> {
    const [rows, total] = await this.replies.findAndCount({
      where: { tenantId, commentId },
      order: { createdAt: 'ASC', id: 'ASC' },
      skip: window.skip,
      take: window.limit,
    });
    return toPage(rows.map(toReplyView), total, window);
  }

  private async replyCounts(tenantId: string, commentIds: string[]): Promise<Map<string, number>> {
    if (commentIds.length === 0) return new Map();
    const rows = await this.replies
      .createQueryBuilder('r')
      .select('r.comment_id', 'commentId')
      .addSelect('count(*)::int', 'count')
      .where({ tenantId, commentId: In(commentIds) })
      .groupBy('r.comment_id')
      .getRawMany<{ commentId: string; count: number }>();
    return new Map(rows.map((r) => [r.commentId, r.count]));
  }
}

function toCommentView(row: CommentEntity, replyCount: number): CommentView {
  return {
    id: row.id,
    taskId: row.taskId,
    runId: row.runId,
    commentType: row.commentType,
    authorRole: row.authorRole,
    agentId: row.agentId,
    body: row.body,
    metrics: row.metrics,
    blockers: row.blockers,
    nextSteps: row.nextSteps,
    replyCount,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

function toReplyView(row: ReplyEntity): ReplyView {
  return {
    id: row.id,
    commentId: row.commentId,
    parentReplyId: row.parentReplyId,
    authorRole: row.authorRole,
    agentId: row.agentId,
    body: row.body,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}
