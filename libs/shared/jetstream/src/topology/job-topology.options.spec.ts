import { AgentRoles } from '@shipyard/contracts';
import { resolveJobTopologyOptions } from './job-topology.options';
import { thrownBy } from '@shipyard/shared/test-utils';

describe('resolveJobTopologyOptions', () => {
  it('fills defaults: every role, 30 s AckWait, 5 attempts, 2 min dedup window', () => {
    expect(resolveJobTopologyOptions({ prefix: '' })).toEqual({
      prefix: '',
      roles: AgentRoles,
      ackWaitMs: 30_000,
      maxAttempts: 5,
      duplicateWindowMs: 120_000,
      deadLetterMaxAgeMs: 14 * 86_400_000,
      replicas: 1,
    });
  });

  it('names every bad field at once', () => {
    expect(
      thrownBy(() =>
        resolveJobTopologyOptions({
          prefix: 'x.',
          ackWaitMs: 10,
          maxAttempts: 101,
          replicas: 0,
          roles: ['qa', 'qa'],
        }),
      ),
    ).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: expect.arrayContaining([
        expect.objectContaining({ path: 'ackWaitMs' }),
        expect.objectContaining({ path: 'maxAttempts' }),
        expect.objectContaining({ path: 'replicas' }),
        expect.objectContaining({ path: 'roles' }),
      ]) as unknown,
    });
  });
});
