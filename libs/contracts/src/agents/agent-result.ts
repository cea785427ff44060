import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsJobId } from '../common/job-id';
import { AgentRoles, CommentTypes, type AgentRole, type CommentType } from '../enums';
import { JobKinds, type AgentJob, type JobKind } from './agent-job';

/** Tokens one model call (or one job's calls together) used, and on which model. */
export class AgentUsage {
  @IsString()
  @Length(1, 100)
  provider!: string;

  @IsString()
  @Length(1, 100)
  model!: string;

  @IsInt()
  @Min(0)
  promptTokens!: number;

  @IsInt()
  @Min(0)
  completionTokens!: number;
}

/** A comment the agent adds to the task's audit trail. */
export class AgentComment {
  @IsIn(CommentTypes)
  commentType!: CommentType;

  @IsString()
  @Length(1, 50_000)
  body!: string;

  @IsOptional()
  @IsObject()
  metrics?: Record<string, unknown>;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  blockers?: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  nextSteps?: string[];
}

/**
 * Why a job failed, where the orchestrator acts on the reason: `ALLOWANCE_EXHAUSTED` means the job stopped
 * at its allowance (see `JobAllowance`) and may be sent again with a larger one if the budget has room.
 */
export const AgentFailureCodes = ['ALLOWANCE_EXHAUSTED'] as const;
export type AgentFailureCode = (typeof AgentFailureCodes)[number];

export class AgentFailure {
  @IsOptional()
  @IsIn(AgentFailureCodes)
  code?: AgentFailureCode;

  @IsString()
  @Length(1, 5000)
  message!: string;

  /** False for a job that can never succeed (bad input): the orchestrator fails the task at once. */
  @IsBoolean()
  retryable!: boolean;
}

/** What an agent reports for a job. Same `jobId` as the job: the orchestrator applies it once. */
export class AgentResult {
  @IsString()
  @IsJobId()
  jobId!: string;

  @IsUUID('4')
  tenantId!: string;

  @IsUUID('4')
  runId!: string;

  @IsOptional()
  @IsUUID('4')
  taskId?: string;

  @IsIn(AgentRoles)
  role!: AgentRole;

  @IsIn(JobKinds)
  kind!: JobKind;

  /** Which worker did it (service instance), for the audit trail. */
  @IsString()
  @Length(1, 200)
  agentId!: string;

  @IsIn(['succeeded', 'failed'])
  status!: 'succeeded' | 'failed';

  /** Kind-specific output; see agent-outputs.ts. */
  @IsObject()
  output!: Record<string, unknown>;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => AgentUsage)
  usage!: AgentUsage[];

  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AgentComment)
  comments!: AgentComment[];

  @IsOptional()
  @ValidateNested()
  @Type(() => AgentFailure)
  failure?: AgentFailure;

  @IsISO8601()
  finishedAt!: string;
}

/** The fields a result takes from the job it answers, so the orchestrator can match it to that job. */
export function resultAbout(
  job: AgentJob,
): Pick<AgentResult, 'jobId' | 'tenantId' | 'runId' | 'taskId' | 'role' | 'kind'> {
  return {
    jobId: job.jobId,
    tenantId: job.tenantId,
    runId: job.runId,
    ...(job.taskId === undefined ? {} : { taskId: job.taskId }),
    role: job.role,
    kind: job.kind,
  };
}
