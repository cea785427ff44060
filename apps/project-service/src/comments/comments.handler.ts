import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CreateComment, CreateReply, ListComments, ListReplies } from '@shipyard/contracts';
import { ContractPipe } from '@shipyard/shared/messaging';
import { CommentService } from './comment.service';

@Controller()
export class CommentsHandler {
  constructor(private readonly comments: CommentService) {}

  @MessagePattern(CreateComment.Subject)
  create(
    @Payload(ContractPipe.of(CreateComment.Request)) req: CreateComment.Request,
  ): Promise<CreateComment.Reply> {
    return this.comments.create(req);
  }

  @MessagePattern(ListComments.Subject)
  list(
    @Payload(ContractPipe.of(ListComments.Request)) req: ListComments.Request,
  ): Promise<ListComments.Reply> {
    return this.comments.list(req);
  }

  @MessagePattern(CreateReply.Subject)
  reply(@Payload(ContractPipe.of(CreateReply.Request)) req: CreateReply.Request): Promise<CreateReply.Reply> {
    return this.comments.reply(req);
  }

  @MessagePattern(ListReplies.Subject)
  listReplies(
    @Payload(ContractPipe.of(ListReplies.Request)) req: ListReplies.Request,
  ): Promise<ListReplies.Reply> {
    return this.comments.listReplies(req);
  }
}
