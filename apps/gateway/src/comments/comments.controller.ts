import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CreateComment, CreateReply, ListComments, ListReplies } from '@shipyard/contracts';
import { TenantId } from '../auth/tenant-id.decorator';
import { ServiceClient } from '../service-client';
import { ContractBodyPipe } from '../http/contract-body.pipe';
import { ApiIdempotencyKey, IdempotencyKey } from '../http/idempotency-key.decorator';
import { ContractQueryPipe } from '../http/contract-query.pipe';
import { UuidParamPipe } from '../http/uuid-param.pipe';
import {
  ApiAnswers,
  ApiCommon,
  ApiContractBody,
  ApiContractQuery,
  ApiUuidParam,
} from '../openapi/api-docs.decorators';

/** The audit trail of tasks, with threaded replies under each comment. */
@ApiTags('comments')
@ApiCommon()
@Controller('api/comments')
export class CommentsController {
  constructor(private readonly rpc: ServiceClient) {}

  @Post()
  @HttpCode(201)
  @ApiContractBody('CreateCommentBody')
  @ApiAnswers(201, 'CommentView', 404, 413)
  @ApiIdempotencyKey()
  create(
    @TenantId() tenantId: string,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Body(ContractBodyPipe.of(CreateComment.Body)) body: CreateComment.Body,
  ): Promise<CreateComment.Reply> {
    return this.rpc.request(CreateComment.Subject, {
      ...body,
      tenantId,
      idempotencyKey,
    } satisfies CreateComment.Request);
  }

  @Get()
  @ApiContractQuery(ListComments.Query)
  @ApiAnswers(200, 'CommentPage')
  list(
    @TenantId() tenantId: string,
    @Query(ContractQueryPipe.of(ListComments.Query)) query: ListComments.Query,
  ): Promise<ListComments.Reply> {
    return this.rpc.request(ListComments.Subject, { ...query, tenantId } satisfies ListComments.Request);
  }

  @Post(':id/replies')
  @HttpCode(201)
  @ApiUuidParam('id')
  @ApiContractBody('CreateReplyBody')
  @ApiAnswers(201, 'ReplyView', 404, 413)
  @ApiIdempotencyKey()
  reply(
    @TenantId() tenantId: string,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Param('id', UuidParamPipe) id: string,
    @Body(ContractBodyPipe.of(CreateReply.Body)) body: CreateReply.Body,
  ): Promise<CreateReply.Reply> {
    return this.rpc.request(CreateReply.Subject, {
      ...body,
      tenantId,
      id,
      idempotencyKey,
    } satisfies CreateReply.Request);
  }

  @Get(':id/replies')
  @ApiUuidParam('id')
  @ApiContractQuery(ListReplies.Query)
  @ApiAnswers(200, 'ReplyPage', 404)
  listReplies(
    @TenantId() tenantId: string,
    @Param('id', UuidParamPipe) id: string,
    @Query(ContractQueryPipe.of(ListReplies.Query)) query: ListReplies.Query,
  ): Promise<ListReplies.Reply> {
    return this.rpc.request(ListReplies.Subject, { ...query, tenantId, id } satisfies ListReplies.Request);
  }
}
