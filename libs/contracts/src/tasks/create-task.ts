import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
} from 'class-validator';
import { IDEMPOTENCY_KEY_PATTERN } from '../common/idempotency-key';
import type { TaskView } from './task.view';

export const Subject = 'task.v1.create';

/** A task under a run. Parent and dependencies must be tasks of the same run. */
export class Body {
  @IsUUID('4')
  runId!: string;

  @IsString()
  @Length(1, 300)
  title!: string;

  @IsString()
  @Length(0, 20_000)
  description!: string;

  @IsOptional()
  @IsUUID('4')
  parentTaskId?: string;

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

  /** From the `Idempotency-Key` header: a retried create with the same key returns the first answer. */
  @IsOptional()
  @Matches(IDEMPOTENCY_KEY_PATTERN)
  idempotencyKey?: string;
}

export type Reply = TaskView;
