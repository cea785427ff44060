import { Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { ByIdRequest } from '../common';
import { BudgetPatch } from '../config';
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
   * Resume only: a change to the budget from now on, e.g. raised after the run paused on its budget. The
   * fields given replace those in force (the run's `budget`); the config snapshot is never rewritten.
   */
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => BudgetPatch)
  budget?: BudgetPatch;
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
  @Type(() => BudgetPatch)
  budget?: BudgetPatch;
}

export type Reply = RunView;
