import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { DomainError } from '@shipyard/contracts';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** Path ids are UUID v4: anything else is a 400 here, before a service is asked about it. */
export class UuidParamPipe implements PipeTransform<unknown, string> {
  transform(value: unknown, metadata: ArgumentMetadata): string {
    if (typeof value === 'string' && UUID_V4.test(value)) return value.toLowerCase();
    const path = metadata.data ?? 'id';
    throw new DomainError('VALIDATION_FAILED', 'Request is invalid', [
      { path, messages: [`${path} must be a UUID v4`] },
    ]);
  }
}
