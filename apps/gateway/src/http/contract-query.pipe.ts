import type { PipeTransform } from '@nestjs/common';
import {
  DEFAULT_LIMIT,
  DomainError,
  MAX_SKIP,
  validateContract,
  type FieldError,
  type PageQuery,
} from '@shipyard/contracts';

const PAGING = ['skip', 'limit'] as const;

/**
 * Validates a list's query string against the contract's `Query` class (unknown parameters and
 * out-of-range `skip`/`limit` are 400) and fills the paging defaults, so services always get both numbers.
 * Paging numbers must be plain digits first: the contract's Number conversion alone would read `skip=` as 0,
 * `1e3` as 1000 and `99999999999999999999` as an integer the database cannot take.
 */
export class ContractQueryPipe<T extends PageQuery> implements PipeTransform<
  unknown,
  T & Required<PageQuery>
> {
  private constructor(private readonly contract: new () => T) {}

  static of<T extends PageQuery>(contract: new () => T): ContractQueryPipe<T> {
    return new ContractQueryPipe(contract);
  }

  transform(value: unknown): T & Required<PageQuery> {
    // Express hands over a null-prototype object; validation wants a plain one.
    const raw: Record<string, unknown> = { ...(value as object | undefined) };
    const paging = PAGING.flatMap((name): FieldError[] =>
      raw[name] === undefined || isPlainNumber(raw[name])
        ? []
        : [
            {
              path: name,
              messages: [`${name} must be a whole number written in digits, at most ${MAX_SKIP}`],
            },
          ],
    );
    if (paging.length > 0) throw new DomainError('VALIDATION_FAILED', 'Request is invalid', paging);
    const query = validateContract(this.contract, raw);
    return Object.assign(query, { skip: query.skip ?? 0, limit: query.limit ?? DEFAULT_LIMIT });
  }
}

function isPlainNumber(value: unknown): boolean {
  return typeof value === 'string' && /^[0-9]{1,10}$/.test(value) && Number(value) <= MAX_SKIP;
}
