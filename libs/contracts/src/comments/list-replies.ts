import { IsUUID } from 'class-validator';
import { PageQuery, type Page } from '../common';
import type { ReplyView } from './comment.view';

export const Subject = 'comment.v1.list-replies';

/** Oldest first. */
export class Query extends PageQuery {}

export class Request extends Query {
  @IsUUID('4')
  tenantId!: string;

  @IsUUID('4')
  id!: string;
}

export type Reply = Page<ReplyView>;
