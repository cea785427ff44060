import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { DomainError } from '@shipyard/contracts';

const MAX_VERSION = 2_147_483_647;

/** A template version in the path: a positive integer written plainly (no `1e2`, `0x10`, `+1` or `01`). */
export class VersionParamPipe implements PipeTransform<unknown, number> {
  transform(value: unknown, metadata: ArgumentMetadata): number {
    const version = typeof value === 'string' && /^[1-9][0-9]{0,9}$/.test(value) ? Number(value) : NaN;
    if (Number.isSafeInteger(version) && version <= MAX_VERSION) return version;
    const path = metadata.data ?? 'version';
    throw new DomainError('VALIDATION_FAILED', 'Request is invalid', [
      { path, messages: [`${path} must be an integer from 1 to ${MAX_VERSION}`] },
    ]);
  }
}
