import { IsUUID } from 'class-validator';
import { PageQuery, type Page } from '../common';
import type { TemplateView } from './template.view';

export const Subject = 'template.v1.list';

/** Newest first. */
export class Query extends PageQuery {}

export class Request extends Query {
  @IsUUID('4')
  tenantId!: string;
}

export type Reply = Page<TemplateView>;
