import { IsBoolean, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { IsJobId, TenantScoped } from '../common';

/**
 * The files of a run's workspace at a commit: its latest by default, or the commit a job produced
 * (`jobId`), or any commit of the run (`commit`). A run with no workspace yet has no files (commit null).
 */
export const Subject = 'artifact.v1.list-files';

/** Contents come back only while their total stays under this; above it, ask for fewer files by `prefix`. */
export const MAX_CONTENT_BYTES = 768 * 1024;

export class Request extends TenantScoped {
  @IsUUID('4')
  runId!: string;

  @IsOptional()
  @IsString()
  @IsJobId()
  jobId?: string;

  @IsOptional()
  @Matches(/^[0-9a-f]{40}$/, { message: 'commit must be 40 lowercase hex digits' })
  commit?: string;

  /** Only paths that start with this (a directory such as `src/`, or a file name). */
  @IsOptional()
  @IsString()
  @Length(1, 400)
  prefix?: string;

  @IsOptional()
  @IsBoolean()
  includeContent?: boolean;
}

export interface ListedFile {
  path: string;
  bytes: number;
  /** Git's blob id: equal ids, equal contents. */
  blob: string;
  content?: string;
}

export interface Reply {
  runId: string;
  commit: string | null;
  files: ListedFile[];
}
