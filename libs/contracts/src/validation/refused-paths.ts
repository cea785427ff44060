import { DomainError } from '../errors';
import { validateContract } from './validate-contract';

/**
 * The paths of the fields `validateContract` refuses in `input` (nested ones as `allowance.tokens`), or
 * none when it accepts it. Specs of contracts state what was refused with it; beside the contracts, so
 * those of the lowest lib can use it without depending on a testing lib.
 */
export function refusedPaths<T extends object>(contract: new () => T, input: unknown): string[] {
  try {
    validateContract(contract, input);
  } catch (error) {
    if (error instanceof DomainError && Array.isArray(error.details))
      return (error.details as { path: string }[]).map((d) => d.path);
    throw error;
  }
  return [];
}
