import { Type } from 'class-transformer';
import { IsInt, IsUUID, Max, Min } from 'class-validator';
import { TenantScoped } from '../common';
import type { RunEventView } from './run-event';

/** A page of a run's event log, read from PostgreSQL: the replay source of truth behind the live stream. */
export const Subject = 'run.v1.list-events';

/** A page holds at most this many events; a reader pages with `afterSeq` = the last seq it got. */
export const MAX_LIMIT = 500;

/** Events are numbered from 1 and stored as bigint; past this no JavaScript number is exact. */
export const MAX_SEQ = Number.MAX_SAFE_INTEGER;

/**
 * Events of the tenant's run with `seq > afterSeq`, oldest first. A run of another tenant (or none) answers
 * RUN_NOT_FOUND, so a caller cannot learn that someone else's run exists.
 */
export class Request extends TenantScoped {
  @IsUUID('4')
  runId!: string;

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_SEQ)
  afterSeq!: number;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_LIMIT)
  limit!: number;
}

/** Fewer items than `limit` means the reader has reached the end of the log as it is now. */
export interface Reply {
  items: RunEventView[];
}
