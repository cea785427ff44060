import type { PipeTransform } from '@nestjs/common';
import { validateContract } from '@shipyard/contracts';

/**
 * Validates a JSON body against a contract's `Body` class: wrong types, out-of-range values and unknown
 * fields are a 400 with per-field details. `optional` lets a route whose every field is optional be called
 * with no body at all.
 */
export class ContractBodyPipe<T extends object> implements PipeTransform<unknown, T> {
  private constructor(
    private readonly contract: new () => T,
    private readonly optional: boolean,
  ) {}

  static of<T extends object>(
    contract: new () => T,
    options: { optional?: boolean } = {},
  ): ContractBodyPipe<T> {
    return new ContractBodyPipe(contract, options.optional ?? false);
  }

  transform(value: unknown): T {
    return validateContract(this.contract, value === undefined && this.optional ? {} : value);
  }
}
