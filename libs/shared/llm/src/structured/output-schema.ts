import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { flattenValidationErrors } from '@shipyard/contracts';

export type SchemaCheck<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/** How the structured-output helper decides whether a parsed answer is usable. */
export interface OutputSchema<T> {
  /** Named in correction prompts and errors. */
  readonly name: string;
  check(value: unknown): SchemaCheck<T>;
}

/**
 * A schema from a class-validator class. Unknown fields are errors, as at every other edge: a model that
 * invents fields is told so instead of having them dropped silently.
 */
export function classSchema<T extends object>(contract: new () => T): OutputSchema<T> {
  return {
    name: contract.name,
    check(value: unknown): SchemaCheck<T> {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return { ok: false, errors: ['the answer must be a JSON object'] };
      }
      const instance = plainToInstance(contract, value);
      const errors = validateSync(instance, {
        whitelist: true,
        forbidNonWhitelisted: true,
        forbidUnknownValues: true,
        validationError: { target: false, value: false },
      });
      if (errors.length === 0) return { ok: true, value: instance };
      return {
        ok: false,
        errors: flattenValidationErrors(errors).map((e) => `${e.path || '(root)'}: ${e.messages.join('; ')}`),
      };
    },
  };
}

/** A schema from a type guard, with an optional explanation of what is wrong for the correction prompt. */
export function guardSchema<T>(
  name: string,
  guard: (value: unknown) => value is T,
  explain: (value: unknown) => string[] = () => [`the answer does not match ${name}`],
): OutputSchema<T> {
  return {
    name,
    check: (value: unknown): SchemaCheck<T> =>
      guard(value) ? { ok: true, value } : { ok: false, errors: explain(value) },
  };
}
