import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;
/** Past this a list is empty anyway, and PostgreSQL's OFFSET would reject a larger number. */
export const MAX_SKIP = 2_147_483_647;

/** `skip` and `limit` of every list; query strings arrive as text, hence the @Type conversion. */
export class PageQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_SKIP)
  skip?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_LIMIT)
  limit?: number;
}

/** Every list answers this, in a stable order. */
export interface Page<T> {
  items: T[];
  total: number;
  skip: number;
  limit: number;
}
