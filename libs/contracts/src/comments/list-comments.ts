import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { PageQuery, type Page } from '../common';
import { CommentTypes, type CommentType } from '../enums';
import type { CommentView } from './comment.view';

export const Subject = 'comment.v1.list';

/** Oldest first: an audit trail reads in order. */
export class Query extends PageQuery {
  /** Every comment of a run, its run-level ones (taskId null) included. */
  @IsOptional()
  @IsUUID('4')
  runId?: string;

  @IsOptional()
  @IsUUID('4')
  taskId?: string;

  @IsOptional()
  @IsIn(CommentTypes)
  commentType?: CommentType;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  agentId?: string;
}

export class Request extends Query {
  @IsUUID('4')
  tenantId!: string;
}

export type Reply = Page<CommentView>;
