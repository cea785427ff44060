import { Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { ByIdRequest } from '../common';
import { BudgetConfig } from '../config';
import type { RunView } from './run.view';

/** User-driven lifecycle commands; each is checked against the run's current status. */
export const PauseSubject = 'run.v1.pause';
export const ResumeSubject = 'run.v1.resume';
export const StopSubject = 'run.v1.stop';

export class Body {
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;

  /**
   * Resume only: the budget from now on (all three fields), e.g. raised after the run paused on its
   * budget. Stored as the run's budget override; the run's config snapshot is never rewritten.
   */
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => BudgetConfig)
  budget?: BudgetConfig;
}

export class Request extends ByIdRequest {
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;

  /** Resume only; see Body.budget. */
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => BudgetConfig)
  budget?: BudgetConfig;
}

export type Reply = RunView;
