import { ProjectStatuses } from '@shipyard/contracts';
import {
  assertProjectEditable,
  assertProjectRunnable,
  statusAfterEdit,
  type ProjectDefinition,
} from './project-rules';

/** The error `fn` throws; fails the test when it throws nothing. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('project rules', () => {
  const definition: ProjectDefinition = {
    requirements: 'r',
    templateId: 't',
    templateVersion: 1,
    configPatch: { budget: { maxTokens: 5, onExceed: 'stop' } },
  };

  it('allows edits only in DRAFT and READY', () => {
    for (const status of ProjectStatuses) {
      const editable = status === 'DRAFT' || status === 'READY';
      if (editable) expect(() => assertProjectEditable(status)).not.toThrow();
      else
        expect(thrown(() => assertProjectEditable(status))).toMatchObject({
          code: 'INVALID_STATE_TRANSITION',
        });
    }
  });

  it('sends a READY project back to DRAFT when what ready checked changes', () => {
    expect(statusAfterEdit('READY', definition, { ...definition, requirements: 'other' })).toBe('DRAFT');
    expect(statusAfterEdit('READY', definition, { ...definition, templateVersion: 2 })).toBe('DRAFT');
    expect(statusAfterEdit('READY', definition, { ...definition, configPatch: {} })).toBe('DRAFT');
  });

  it('keeps READY when nothing checked changed, however the patch keys are ordered', () => {
    const reordered = { ...definition, configPatch: { budget: { onExceed: 'stop', maxTokens: 5 } } };
    expect(statusAfterEdit('READY', definition, reordered)).toBe('READY');
    expect(statusAfterEdit('DRAFT', definition, { ...definition, requirements: 'x' })).toBe('DRAFT');
  });

  it('starts runs from READY, COMPLETED and FAILED; a RUNNING project already has its run', () => {
    for (const status of ['READY', 'COMPLETED', 'FAILED'] as const)
      expect(() => assertProjectRunnable(status)).not.toThrow();
    expect(thrown(() => assertProjectRunnable('RUNNING'))).toMatchObject({ code: 'RUN_ALREADY_ACTIVE' });
    expect(thrown(() => assertProjectRunnable('DRAFT'))).toMatchObject({ code: 'PROJECT_NOT_READY' });
  });
});
