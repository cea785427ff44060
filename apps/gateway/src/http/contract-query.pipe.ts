import type { PipeTransform } from '@nestjs/common';
import { DEFAULT_LIMIT, validateContract, type PageQuery } from '@shipyard/contracts';

/**
 * Validates a list's query string against the contract's `Query` class (unknown parameters and
 * out-of-range `skip`/`limit` are 400) and fills the paging defaults, so services always get both numbers.
 */
export class ContractQueryPipe<T extends PageQuery> implements PipeTransform<unknown, T & Required<PageQuery>> {
  private constructor(private readonly contract: new () => T) {}

  static of<T extends PageQuery>(contract: new () => T): ContractQueryPipe<T> {
    return new ContractQueryPipe(contract);
  }

  transform(value: unknown): T & Required<PageQuery> {
    // Express hands over a null-prototype object; validation wants a plain one.
    const query = validateContract(this.contract, { ...(value as object | undefined) });
    return Object.assign(query, { skip: query.skip ?? 0, limit: query.limit ?? DEFAULT_LIMIT });
  }
}
