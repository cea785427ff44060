import {
  DomainError,
  RunConfig,
  validateContract,
  type ErrorCode,
  type FieldError,
} from '@shipyard/contracts';
import { deepMerge, isPlainObject } from './deep-merge';

/**
 * Merges a patch over a complete base config and validates the result, so a patch is judged by what it
 * produces: a patch setting `budget.maxTokens` to -1 or naming an unknown field is refused. Field paths in
 * the error start with `field` (`configPatch.budget.maxTokens`), the request field that carried the patch.
 */
export function mergeRunConfig(
  base: RunConfig,
  patch: unknown,
  field: string,
  code: ErrorCode = 'VALIDATION_FAILED',
): RunConfig {
  if (patch !== undefined && !isPlainObject(patch)) {
    throw new DomainError(code, `${field} must be an object`, [
      { path: field, messages: [`${field} must be an object`] },
    ]);
  }
  const merged = deepMerge(base, patch ?? {});
  try {
    // validateContract returns a class instance; callers store JSON, so hand back plain data.
    return structuredClone<RunConfig>({ ...validateContract(RunConfig, merged) });
  } catch (error) {
    if (error instanceof DomainError && Array.isArray(error.details)) {
      const details: FieldError[] = error.details.map((d) => ({
        ...d,
        path: d.path ? `${field}.${d.path}` : field,
      }));
      throw new DomainError(code, `${field} is invalid`, details);
    }
    throw error;
  }
}
