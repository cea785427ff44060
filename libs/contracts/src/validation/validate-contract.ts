import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { DomainError, type FieldError } from '../errors';
import { checkInputShape } from './check-input-shape';
import { memoizeValidationRules } from './memoized-rules';

/**
 * Turns untrusted input (an HTTP body, a NATS payload) into an instance of a contract class, or throws
 * VALIDATION_FAILED naming every bad field. Unknown fields are refused rather than dropped, so that a typo
 * in a field name is an error the caller sees, not a silently ignored setting.
 */
export function validateContract<T extends object>(contract: new () => T, input: unknown): T {
  memoizeValidationRules();
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new DomainError('VALIDATION_FAILED', 'Request body must be a JSON object', [
      { path: '', messages: ['must be a JSON object'] },
    ]);
  }
  const shapeErrors = checkInputShape(input);
  if (shapeErrors.length > 0) throw new DomainError('VALIDATION_FAILED', 'Request is invalid', shapeErrors);
  const instance = plainToInstance(contract, input);
  const errors = validateSync(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
  });
  if (errors.length > 0) {
    throw new DomainError('VALIDATION_FAILED', 'Request is invalid', flattenValidationErrors(errors));
  }
  return instance;
}

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own: FieldError[] = error.constraints ? [{ path, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], path)];
  });
}
