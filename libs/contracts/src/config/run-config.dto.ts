import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

export const ModelProviders = ['openai', 'offline'] as const;
export type ModelProvider = (typeof ModelProviders)[number];
export const BudgetActions = ['stop', 'pause', 'warn'] as const;
export type BudgetAction = (typeof BudgetActions)[number];
export const SecurityGates = ['block_critical', 'block_high', 'warn', 'off'] as const;
export type SecurityGate = (typeof SecurityGates)[number];

/** Which model a role talks to. `openai` means the configured OpenAI-compatible endpoint. */
export class RoleModelConfig {
  @IsIn(ModelProviders)
  provider!: ModelProvider;

  @IsString()
  @Length(1, 100)
  model!: string;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(2)
  temperature!: number;
}

export class RoleModels {
  @ValidateNested() @Type(() => RoleModelConfig) @IsObject() pm!: RoleModelConfig;
  @ValidateNested() @Type(() => RoleModelConfig) @IsObject() lead!: RoleModelConfig;
  @ValidateNested() @Type(() => RoleModelConfig) @IsObject() developer!: RoleModelConfig;
  @ValidateNested() @Type(() => RoleModelConfig) @IsObject() qa!: RoleModelConfig;
  @ValidateNested() @Type(() => RoleModelConfig) @IsObject() docs!: RoleModelConfig;
  @ValidateNested() @Type(() => RoleModelConfig) @IsObject() devops!: RoleModelConfig;
  @ValidateNested() @Type(() => RoleModelConfig) @IsObject() security!: RoleModelConfig;
}

export class BudgetConfig {
  /** Tokens (prompt + completion) a run may spend in all. */
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  maxTokens!: number;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1_000_000)
  maxCostUsd!: number;

  /** What happens when the run would go past its budget. */
  @IsIn(BudgetActions)
  onExceed!: BudgetAction;
}

/**
 * A change to a run's budget, given when resuming it: the fields named replace the budget in force, the
 * others keep their value (so raising `maxTokens` alone is `{"maxTokens": 500000}`).
 */
export class BudgetPatch {
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  maxTokens?: number;

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1_000_000)
  maxCostUsd?: number;

  @IsOptional()
  @IsIn(BudgetActions)
  onExceed?: BudgetAction;
}

export class ReviewConfig {
  /** Lead review rounds per task before the task fails. */
  @IsInt()
  @Min(0)
  @Max(20)
  maxIterations!: number;
}

export class SecurityConfig {
  @IsIn(SecurityGates)
  gate!: SecurityGate;

  /** Fix cycles the security gate may send the run back for before the run fails. */
  @IsInt()
  @Min(0)
  @Max(20)
  maxFixCycles!: number;
}

/**
 * A complete run configuration. Templates store one (missing fields filled from the defaults);
 * projects and runs carry partial patches that are merged over it; a run freezes the result.
 */
export class RunConfig {
  @ValidateNested() @Type(() => RoleModels) @IsObject() roles!: RoleModels;
  @ValidateNested() @Type(() => BudgetConfig) @IsObject() budget!: BudgetConfig;
  @ValidateNested() @Type(() => ReviewConfig) @IsObject() review!: ReviewConfig;
  @ValidateNested() @Type(() => SecurityConfig) @IsObject() security!: SecurityConfig;

  /** Wall-clock minutes a run may take before it ends in STOPPED_TIMEOUT. */
  @IsInt()
  @Min(1)
  @Max(7 * 24 * 60)
  deadlineMinutes!: number;
}

/** A partial RunConfig: any subset of its fields, nested objects merged field by field. */
export type RunConfigPatch = DeepPartial<RunConfig>;
export type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };
