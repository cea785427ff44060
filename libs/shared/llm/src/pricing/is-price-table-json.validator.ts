import {
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { parsePriceTableJson } from './price-table-json.parser';

/** Lets config parsing at start name every bad entry of PRICE_TABLE_JSON, not just "invalid JSON". */
@ValidatorConstraint({ name: 'isPriceTableJson', async: false })
export class IsPriceTableJson implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && parsePriceTableJson(value).ok;
  }

  defaultMessage(args: ValidationArguments): string {
    const value: unknown = args.value;
    if (typeof value !== 'string') return `${args.property} must be a JSON string`;
    const result = parsePriceTableJson(value);
    return result.ok ? '' : `${args.property} ${result.errors.join('; ')}`;
  }
}
