import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

/** `skip` and `limit` of every list; query strings arrive as text, hence the @Type conversion. */
export class PageQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
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
