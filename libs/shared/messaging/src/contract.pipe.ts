import type { PipeTransform } from '@nestjs/common';
import { validateContract } from '@shipyard/contracts';

/** Validates a NATS payload against its contract class; the edge where bad messages stop. */
export class ContractPipe<T extends object> implements PipeTransform<unknown, T> {
  private constructor(private readonly contract: new () => T) {}

  static of<T extends object>(contract: new () => T): ContractPipe<T> {
    return new ContractPipe(contract);
  }

  transform(value: unknown): T {
    return validateContract(this.contract, value);
  }
}
