import { IsObject, IsOptional, IsUUID, Matches } from 'class-validator';
import { IDEMPOTENCY_KEY_PATTERN } from '../common/idempotency-key';
import type { RunConfigPatch } from '../config';
import type { RunView } from './run.view';

export const Subject = 'run.v1.create';

/**
 * Queues a run of a READY (or finished) project. Its config snapshot is the template version's config with
 * the project's patch and then this patch merged in. One active run per project.
 */
export class Body {
  @IsUUID('4')
  projectId!: string;

  @IsOptional()
  @IsObject()
  configPatch?: RunConfigPatch;
}

export class Request extends Body {
  @IsUUID('4')
  tenantId!: string;

  /**
   * From the `Idempotency-Key` header: a retried create with the same key returns the first answer (the run
   * it queued) instead of RUN_ALREADY_ACTIVE.
   */
  @IsOptional()
  @Matches(IDEMPOTENCY_KEY_PATTERN)
  idempotencyKey?: string;
}

export type Reply = RunView;
