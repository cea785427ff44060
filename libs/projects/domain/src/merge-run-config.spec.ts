import { BudgetConfig, defaultRunConfig, DomainError, RunConfig } from '@shipyard/contracts';
import { mergeRunConfig } from './merge-run-config';

function errorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('mergeRunConfig', () => {
  it('returns the base with the patch merged in, as plain data', () => {
    const merged = mergeRunConfig(
      defaultRunConfig(),
      { budget: { maxTokens: 10 }, roles: { pm: { model: 'm' } } },
      'configPatch',
    );
    const expected = defaultRunConfig();
    expected.budget.maxTokens = 10;
    expected.roles.pm.model = 'm';
    expect(merged).toEqual(expected);
    // Stored as JSON: no class instances from validation may leak into the result.
    expect(merged).not.toBeInstanceOf(RunConfig);
    expect(merged.budget).not.toBeInstanceOf(BudgetConfig);
  });

  it('accepts an absent or empty patch', () => {
    expect(mergeRunConfig(defaultRunConfig(), undefined, 'config')).toEqual(defaultRunConfig());
    expect(mergeRunConfig(defaultRunConfig(), {}, 'config')).toEqual(defaultRunConfig());
  });

  it('reports every bad field with the request field as prefix', () => {
    const error = errorOf(() =>
      mergeRunConfig(
        defaultRunConfig(),
        { budget: { maxTokens: 0, onExceed: 'shrug' }, roles: { pm: { temperature: 3 } } },
        'configPatch',
      ),
    );
    expect(error.code).toBe('VALIDATION_FAILED');
    expect((error.details as { path: string }[]).map((d) => d.path).sort()).toEqual([
      'configPatch.budget.maxTokens',
      'configPatch.budget.onExceed',
      'configPatch.roles.pm.temperature',
    ]);
  });

  it('refuses unknown keys at any depth', () => {
    const error = errorOf(() =>
      mergeRunConfig(defaultRunConfig(), { extra: 1, roles: { ceo: {} } }, 'config'),
    );
    expect((error.details as { path: string }[]).map((d) => d.path).sort()).toEqual([
      'config.extra',
      'config.roles.ceo',
    ]);
  });

  it('refuses a patch that replaces an object with a scalar, or is not an object', () => {
    expect(errorOf(() => mergeRunConfig(defaultRunConfig(), { budget: 5 }, 'configPatch')).code).toBe(
      'VALIDATION_FAILED',
    );
    const notObject = errorOf(() => mergeRunConfig(defaultRunConfig(), [1], 'configPatch'));
    expect(notObject.details).toEqual([{ path: 'configPatch', messages: ['configPatch must be an object'] }]);
  });

  it('uses the code it is given, for configs that were stored rather than sent', () => {
    expect(
      errorOf(() =>
        mergeRunConfig(defaultRunConfig(), { deadlineMinutes: 0 }, 'configPatch', 'CONFIG_INCOMPLETE'),
      ).code,
    ).toBe('CONFIG_INCOMPLETE');
  });

  it('never changes the base it merged over', () => {
    const base = defaultRunConfig();
    mergeRunConfig(base, { budget: { maxTokens: 5 } }, 'configPatch');
    expect(base).toEqual(defaultRunConfig());
  });
});
