import { refusedPaths, validateContract } from '@shipyard/contracts';
import { buildDeadLetterEnvelope } from '@shipyard/shared/jetstream';
import { DeadLetterEnvelopeContract } from './dead-letter-envelope.contract';

// What the jetstream lib writes to the dead-letter stream must pass; anything else published there is refused.

const written = (data: string) =>
  JSON.parse(
    JSON.stringify(
      buildDeadLetterEnvelope(
        {
          subject: 'p1.agent.v1.job.developer',
          stream: 'JOBS',
          consumer: 'job-developer',
          streamSequence: 7,
          deliveryCount: 6,
          headers: { 'Nats-Msg-Id': 'run:bootstrap_repo:-:1' },
          data: new TextEncoder().encode(data),
        },
        { kind: 'exhausted', reason: 'failed 5 of 5 attempt(s)', error: { message: 'boom' } },
        new Date('2026-01-01T00:01:00.000Z'),
      ),
    ),
  ) as Record<string, unknown>;

const refusedFields = (input: unknown): string[] => refusedPaths(DeadLetterEnvelopeContract, input);

describe('DeadLetterEnvelopeContract', () => {
  it('takes what the jetstream lib writes, whatever the original payload was', () => {
    expect(refusedFields(written('{"jobId":"x","input":{"deep":[1,{"a":null}]}}'))).toEqual([]);
    expect(refusedFields(written('[1,2,3]'))).toEqual([]);
    const notJson = validateContract(DeadLetterEnvelopeContract, written('not json {'));
    expect(notJson.payloadText).toBe('not json {');
  });

  it.each([
    ['an unknown kind', { kind: 'lost' }, 'kind'],
    ['a negative delivery count', { deliveryCount: -1 }, 'deliveryCount'],
    ['a date that is not one', { deadLetteredAt: 'yesterday' }, 'deadLetteredAt'],
    ['headers that are not an object', { headers: 'x' }, 'headers'],
    ['a field it does not know', { extra: 1 }, 'extra'],
  ])('refuses a letter with %s, naming the field', (_why, change, field) => {
    expect(refusedFields({ ...written('{}'), ...change })).toContain(field);
  });

  it('refuses a letter without its subject or reason', () => {
    const { originalSubject: _s, reason: _r, ...rest } = written('{}');
    expect(refusedFields(rest).sort()).toEqual(['originalSubject', 'reason']);
  });
});
