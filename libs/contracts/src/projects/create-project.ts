import { Type } from 'class-transformer';
import { IsInt, IsObject, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { IDEMPOTENCY_KEY_PATTERN } from '../common/idempotency-key';
import type { RunConfigPatch } from '../config';
import type { ProjectView } from './project.view';

export const Subject = 'project.v1.create';

/** A new project starts in DRAFT. Without `templateVersion`, the template's latest version is pinned. */
export class Body {
  @IsString()
  @Length(1, 200)
  name!: string;

  @IsOptional()
  @IsString()
  @Length(0, 100_000)
  requirements?: string;

  @IsOptional()
  @IsUUID('4')
  templateId?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  templateVersion?: number;

  @IsOptional()
  @IsObject()
  configPatch?: RunConfigPatch;
}

export class Request extends Body {
  @IsUUID('4')
  tenantId!: string;

  /** From the `Idempotency-Key` header: a retried create with the same key returns the first answer. */
  @IsOptional()
  @Matches(IDEMPOTENCY_KEY_PATTERN)
  idempotencyKey?: string;
}

export type Reply = ProjectView;
