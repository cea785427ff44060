import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  ValidateIf,
} from 'class-validator';
import { AgentRoles, TaskStatuses, type AgentRole, type TaskStatus } from '../enums';
import type { TaskView } from './task.view';

export const Subject = 'task.v1.update';

/** Status changes are checked against the task's current status; `null` clears an assignee. */
export class Body {
  @IsOptional()
  @IsIn(TaskStatuses)
  status?: TaskStatus;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsIn(AgentRoles)
  assignedRole?: AgentRole | null;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @Length(1, 200)
  assignedAgentId?: string | null;

  @IsOptional()
  @IsString()
  @Length(1, 300)
  title?: string;

  @IsOptional()
  @IsString()
  @Length(0, 20_000)
  description?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('4', { each: true })
  dependsOn?: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 1000, { each: true })
  acceptanceCriteria?: string[];
}

export class Request extends Body {
  @IsUUID('4')
  tenantId!: string;

  @IsUUID('4')
  id!: string;
}

export type Reply = TaskView;
