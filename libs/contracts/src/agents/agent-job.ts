import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsJobId } from '../common/job-id';
import { RoleModelConfig } from '../config';
import { AgentRoles, type AgentRole } from '../enums';

/** What an agent is asked to do; one kind per workflow step. */
export const JobKinds = [
  'analyze_requirements',
  'create_tasks',
  'bootstrap_repo',
  'implement',
  'fix',
  'review',
  'test',
  'security_scan',
  'document',
  'prepare_deploy',
] as const;
export type JobKind = (typeof JobKinds)[number];

/** JetStream subject a role's workers pull from. */
export const jobSubject = (role: AgentRole): string => `agent.v1.job.${role}`;
/** Where results come back to the orchestrator (durably, on JetStream). */
export const resultSubject = (role: AgentRole): string => `agent.v1.result.${role}`;
/** Jobs that exhausted their deliveries end here, with the reason, for people to inspect. */
export const deadLetterSubject = (role: AgentRole): string => `agent.v1.dlq.${role}`;

/**
 * The most one job may spend, all its model calls and deliveries together. The orchestrator reserves it
 * against the run's budget when it sends the job, so jobs in flight can never spend past the budget; the
 * agent caps every model call to what is left of it and stops the job (`ALLOWANCE_EXHAUSTED`) when the rest
 * cannot pay for another call. Absent: the run's budget only warns, so nothing is capped.
 */
export class JobAllowance {
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  tokens!: number;

  /** USD, priced with the agent's price table (the same settings as the orchestrator's). */
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1_000_000)
  costUsd!: number;
}

/**
 * One unit of agent work. `jobId` is its idempotency key, derived from the run, the workflow step, the
 * task and the attempt, so a redelivered or re-published job is recognised and not done twice.
 */
export class AgentJob {
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

  @IsInt()
  @Min(1)
  @Max(1000)
  attempt!: number;

  @ValidateNested()
  @Type(() => RoleModelConfig)
  @IsObject()
  model!: RoleModelConfig;

  /** Kind-specific input (the requirements, the task, the files to review...). */
  @IsObject()
  input!: Record<string, unknown>;

  @IsOptional()
  @ValidateNested()
  @Type(() => JobAllowance)
  @IsObject()
  allowance?: JobAllowance;

  @IsOptional()
  @IsString()
  @Length(1, 128)
  requestId?: string;

  @IsISO8601()
  dispatchedAt!: string;
}
