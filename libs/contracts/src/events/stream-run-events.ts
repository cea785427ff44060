import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { MAX_SEQ } from './list-run-events';

/**
 * Query of `GET /api/runs/:id/events`. `after` is for clients that cannot set `Last-Event-ID` (a browser's
 * first EventSource connection); the header wins when both are sent, because EventSource sends it on every
 * reconnect while the URL (and its `after`) stays the one of the first connection.
 */
export class Query {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_SEQ)
  after?: number;
}
