import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQuery, type Page } from '../common';
import { ProjectStatuses, type ProjectStatus } from '../enums';
import type { ProjectView } from './project.view';

export const Subject = 'project.v1.list';

/** Newest first. */
export class Query extends PageQuery {
  @IsOptional()
  @IsIn(ProjectStatuses)
  status?: ProjectStatus;
}

export class Request extends Query {
  @IsUUID('4')
  tenantId!: string;
}

export type Reply = Page<ProjectView>;
