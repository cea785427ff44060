import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQuery, type Page } from '../common';
import { RunStatuses, type RunStatus } from '../enums';
import type { RunView } from './run.view';

export const Subject = 'run.v1.list';

/** Newest first. */
export class Query extends PageQuery {
  @IsOptional()
  @IsUUID('4')
  projectId?: string;

  @IsOptional()
  @IsIn(RunStatuses)
  status?: RunStatus;
}

export class Request extends Query {
  @IsUUID('4')
  tenantId!: string;
}

export type Reply = Page<RunView>;
