import { IsObject, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { IDEMPOTENCY_KEY_PATTERN } from '../common/idempotency-key';
import type { RunConfigPatch } from '../config';
import type { TemplateView } from './template.view';

export const Subject = 'template.v1.create';

/** Creates version 1. `config` may be partial: what it leaves out comes from the platform defaults. */
export class Body {
  @IsString()
  @Length(1, 200)
  name!: string;

  @IsOptional()
  @IsString()
  @Length(0, 5000)
  description?: string;

  @IsOptional()
  @IsObject()
  config?: RunConfigPatch;
}

export class Request extends Body {
  @IsUUID('4')
  tenantId!: string;

  /** From the `Idempotency-Key` header: a retried create with the same key returns the first answer. */
  @IsOptional()
  @Matches(IDEMPOTENCY_KEY_PATTERN)
  idempotencyKey?: string;
}

export type Reply = TemplateView;
