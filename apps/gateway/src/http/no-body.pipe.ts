import type { PipeTransform } from '@nestjs/common';
import { DomainError } from '@shipyard/contracts';

/**
 * For actions that take no input (`ready`, `DELETE`): a body with fields is refused like any unknown field,
 * rather than ignored, so a client that thinks it is sending options learns that it is not.
 */
export class NoBodyPipe implements PipeTransform<unknown, undefined> {
  transform(value: unknown): undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0)
      return undefined;
    const fields = typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : [];
    throw new DomainError(
      'VALIDATION_FAILED',
      'This request takes no body',
      fields.length > 0
        ? fields.map((field) => ({ path: field, messages: [`property ${field} should not exist`] }))
        : [{ path: '', messages: ['must be empty'] }],
    );
  }
}
