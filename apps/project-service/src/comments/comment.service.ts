import { Injectable } from '@nestjs/common';
import { CreateComment, CreateReply, DomainError, ListComments, ListReplies } from '@shipyard/contracts';
import { ProjectsStore } from '@shipyard/projects/data-access';
import { pageWindow } from '@shipyard/projects/domain';
import { taskNotFound } from '../tasks/task.service';

/** The audit trail of a task, and threaded replies under each comment. */
@Injectable()
export class CommentService {
  constructor(private readonly store: ProjectsStore) {}

  /** Comments made through the API come from a person unless the caller names an agent role. */
  create(req: CreateComment.Request): Promise<CreateComment.Reply> {
    return this.store.idempotentTransaction(req, CreateComment.Subject, async ({ tasks, comments }) => {
      const task = await tasks.find(req.tenantId, req.taskId);
      if (!task) throw taskNotFound(req.taskId);
      return comments.create(req.tenantId, {
        taskId: task.id,
        runId: task.runId,
        commentType: req.commentType,
        authorRole: req.authorRole ?? 'user',
        agentId: req.agentId ?? null,
        body: req.body,
        metrics: req.metrics ?? {},
        blockers: req.blockers ?? [],
        nextSteps: req.nextSteps ?? [],
      });
    });
  }

  list(req: ListComments.Request): Promise<ListComments.Reply> {
    const { runId, taskId, commentType, agentId } = req;
    return this.store.read.comments.list(
      req.tenantId,
      { runId, taskId, commentType, agentId },
      pageWindow(req),
    );
  }

  /** A reply may answer another reply, but only one under the same comment. */
  reply(req: CreateReply.Request): Promise<CreateReply.Reply> {
    return this.store.idempotentTransaction(req, CreateReply.Subject, async ({ comments }) => {
      if (!(await comments.exists(req.tenantId, req.id))) throw commentNotFound(req.id);
      if (req.parentReplyId && !(await comments.replyExists(req.tenantId, req.id, req.parentReplyId))) {
        throw new DomainError(
          'REPLY_NOT_FOUND',
          `Reply ${req.parentReplyId} not found under comment ${req.id}`,
          {
            id: req.parentReplyId,
            commentId: req.id,
          },
        );
      }
      return comments.createReply(req.tenantId, {
        commentId: req.id,
        parentReplyId: req.parentReplyId ?? null,
        authorRole: req.authorRole ?? 'user',
        agentId: req.agentId ?? null,
        body: req.body,
      });
    });
  }

  async listReplies(req: ListReplies.Request): Promise<ListReplies.Reply> {
    if (!(await this.store.read.comments.exists(req.tenantId, req.id))) throw commentNotFound(req.id);
    return this.store.read.comments.listReplies(req.tenantId, req.id, pageWindow(req));
  }
}

function commentNotFound(id: string): DomainError {
  return new DomainError('COMMENT_NOT_FOUND', `Comment ${id} not found`, { id });
}
