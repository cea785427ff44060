import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { IsJobId, TenantScoped } from '../common';
import { WorkspaceFile } from './workspace-file';

/**
 * Writes the files one agent job produced into the run's git workspace as one commit. Idempotent by
 * `jobId`: storing a job that is already stored writes nothing and answers the first commit, so a
 * redelivered result or a retried request is harmless.
 */
export const Subject = 'artifact.v1.put-files';

export const MAX_FILES = 200;

export class Request extends TenantScoped {
  @IsUUID('4')
  runId!: string;

  /** The agent job's id (its idempotency key), recorded in the commit message as `Job-Id: <jobId>`. */
  @IsString()
  @IsJobId()
  jobId!: string;

  @IsOptional()
  @IsUUID('4')
  taskId?: string;

  /** The commit's subject line; a default naming the job is used without one. */
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @Matches(/^[^\r\n]*$/, { message: 'message must be a single line' })
  message?: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_FILES)
  @ValidateNested({ each: true })
  @Type(() => WorkspaceFile)
  files!: WorkspaceFile[];
}

export interface Reply {
  runId: string;
  jobId: string;
  /** The commit holding this job's files (40 hex digits). */
  commit: string;
  /** False when the job had been stored before and this call changed nothing. */
  created: boolean;
  fileCount: number;
  bytes: number;
}
