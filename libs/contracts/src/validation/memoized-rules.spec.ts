import { IsInt, IsString, Min, ValidateNested, registerDecorator } from 'class-validator';
import { Type } from 'class-transformer';
import { getMetadataStorage } from 'class-validator';
import { DomainError } from '../errors';
import { memoizeValidationRules } from './memoized-rules';
import { validateContract } from './validate-contract';

class Line {
  @IsString() sku!: string;
  @IsInt() @Min(1) quantity!: number;
}

class Order {
  @IsString() customer!: string;
  @ValidateNested({ each: true }) @Type(() => Line) lines!: Line[];
}

const fieldsOf = (run: () => unknown): string[] => {
  try {
    run();
    return [];
  } catch (error) {
    return ((error as DomainError).details as { path: string }[]).map((d) => d.path);
  }
};

describe('memoizeValidationRules', () => {
  beforeAll(() => memoizeValidationRules());

  it('validates as before: nested errors, unknown fields refused, valid input accepted', () => {
    const good = { customer: 'c', lines: [{ sku: 'a', quantity: 1 }] };
    for (let i = 0; i < 3; i += 1) {
      expect(validateContract(Order, good)).toBeInstanceOf(Order);
      expect(
        fieldsOf(() => validateContract(Order, { customer: 'c', lines: [{ sku: 1, quantity: 0 }] })),
      ).toEqual(['lines.0.sku', 'lines.0.quantity']);
      expect(fieldsOf(() => validateContract(Order, { ...good, extra: true }))).toEqual(['extra']);
    }
  });

  it('answers nested lookups (which carry the parent class as their schema) from the cache too', () => {
    const storage = getMetadataStorage();
    // What class-validator asks for each line of an order: the line's class, with 'Order' as the schema.
    const first = storage.getTargetValidationMetadatas(Line, 'Order', false, false);
    expect(storage.getTargetValidationMetadatas(Line, 'Order', false, false)).toBe(first);
    expect(first.map((rule) => rule.propertyName).sort()).toEqual(
      storage
        .getTargetValidationMetadatas(Line, '', false, false)
        .map((rule) => rule.propertyName)
        .sort(),
    );
    expect(
      fieldsOf(() => validateContract(Order, { customer: 'c', lines: [{ sku: 's', quantity: -1 }] })),
    ).toEqual(['lines.0.quantity']);
  });

  it('answers a class the same rules each time, and picks up a rule added later', () => {
    const storage = getMetadataStorage();
    const first = storage.getTargetValidationMetadatas(Line, '', false, false);
    expect(storage.getTargetValidationMetadatas(Line, '', false, false)).toBe(first);

    // A rule registered after the first lookup (a class decorated late) must not be missed.
    registerDecorator({
      target: Line,
      propertyName: 'sku',
      validator: { validate: (value: unknown) => value !== 'forbidden' },
      options: { message: 'sku is forbidden' },
    });
    const after = storage.getTargetValidationMetadatas(Line, '', false, false);
    expect(after).not.toBe(first);
    expect(after).toHaveLength(first.length + 1);
    expect(fieldsOf(() => validateContract(Line, { sku: 'forbidden', quantity: 1 }))).toEqual(['sku']);
  });
});
