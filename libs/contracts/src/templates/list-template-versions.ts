import { IsUUID } from 'class-validator';
import { PageQuery, type Page } from '../common';
import type { TemplateVersionView } from './template.view';

export const Subject = 'template.v1.list-versions';

/** Oldest version first. */
export class Query extends PageQuery {}

export class Request extends Query {
  @IsUUID('4')
  tenantId!: string;

  @IsUUID('4')
  id!: string;
}

export type Reply = Page<TemplateVersionView>;
