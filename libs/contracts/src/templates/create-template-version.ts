import { IsObject, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { IDEMPOTENCY_KEY_PATTERN } from '../common/idempotency-key';
import type { RunConfigPatch } from '../config';
import type { TemplateVersionView } from './template.view';

export const Subject = 'template.v1.create-version';

/**
 * Editing a template makes its next version; earlier versions never change. `config` is a patch over the
 * latest version's config; omitted name and description carry over.
 */
export class Body {
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

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

  @IsUUID('4')
  id!: string;
}

export type Reply = TemplateVersionView;
