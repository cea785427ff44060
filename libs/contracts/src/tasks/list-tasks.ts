import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { PageQuery, type Page } from '../common';
import { TaskStatuses, type TaskStatus } from '../enums';
import type { TaskView } from './task.view';

export const Subject = 'task.v1.list';

/** Oldest first. */
export class Query extends PageQuery {
  @IsOptional()
  @IsUUID('4')
  runId?: string;

  @IsOptional()
  @IsIn(TaskStatuses)
  status?: TaskStatus;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  assignedAgentId?: string;

  @IsOptional()
  @IsUUID('4')
  parentTaskId?: string;
}

export class Request extends Query {
  @IsUUID('4')
  tenantId!: string;
}

export type Reply = Page<TaskView>;
