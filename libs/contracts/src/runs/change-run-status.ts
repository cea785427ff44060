import { IsOptional, IsString, Length } from 'class-validator';
import { ByIdRequest } from '../common';
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
}

export class Request extends ByIdRequest {
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}

export type Reply = RunView;
