import { IsObject, IsOptional, IsString, Length } from 'class-validator';
import { DomainError } from '../errors';
import { MAX_INPUT_DEPTH } from './check-input-shape';
import { validateContract } from './validate-contract';

class Sample {
  @IsString()
  @Length(1, 20)
  name!: string;

  @IsOptional()
  @IsObject()
  extra?: Record<string, unknown>;
}

function failureOf(input: unknown): DomainError {
  try {
    validateContract(Sample, input);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a validation failure');
}

describe('validateContract', () => {
  it('returns an instance of the contract for valid input', () => {
    const value = validateContract(Sample, { name: 'ok', extra: { a: 1 } });
    expect(value).toBeInstanceOf(Sample);
    expect(value).toEqual({ name: 'ok', extra: { a: 1 } });
  });

  it('refuses what is not an object', () => {
    for (const input of [null, 'x', 3, [1]]) expect(failureOf(input).code).toBe('VALIDATION_FAILED');
  });

  it('names every bad and unknown field', () => {
    const error = failureOf({ name: '', colour: 'red' });
    expect(error.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'name' }),
        expect.objectContaining({ path: 'colour' }),
      ]),
    );
  });

  it('refuses nesting deeper than the limit before class-transformer recurses into it', () => {
    let deep: Record<string, unknown> = {};
    const root = { name: 'ok', extra: deep };
    for (let i = 0; i < 100_000; i++) {
      const next: Record<string, unknown> = {};
      deep.a = next;
      deep = next;
    }
    const error = failureOf(root);
    expect(error.details).toEqual([
      {
        path: `extra${'.a'.repeat(MAX_INPUT_DEPTH - 1)}`,
        messages: [`nesting deeper than ${MAX_INPUT_DEPTH} levels`],
      },
    ]);
  });

  it('refuses NUL characters in values and keys', () => {
    expect(failureOf({ name: 'a\u0000b' }).details).toEqual([
      { path: 'name', messages: ['must not contain NUL characters'] },
    ]);
    expect(failureOf({ name: 'ok', extra: { 'k\u0000': 1 } }).details).toEqual([
      { path: 'extra.k\u0000', messages: ['key must not contain NUL characters'] },
    ]);
  });
});
