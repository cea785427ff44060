import { buildDeadLetterEnvelope, deadLetterMsgId, type DeadLetterSource } from './dead-letter.envelope';

const source = (data: string): DeadLetterSource => ({
  subject: 'p.agent.v1.job.qa',
  stream: 'S',
  consumer: 'job-qa',
  streamSequence: 7,
  deliveryCount: 3,
  headers: { 'Nats-Msg-Id': 'job-1' },
  data: new TextEncoder().encode(data),
});

describe('buildDeadLetterEnvelope', () => {
  const now = new Date('2026-01-02T03:04:05.000Z');

  it('keeps a JSON payload as JSON, with where it came from and why it was given up', () => {
    expect(
      buildDeadLetterEnvelope(
        source('{"a":1}'),
        { kind: 'exhausted', reason: 'r', error: { message: 'm' } },
        now,
      ),
    ).toEqual({
      kind: 'exhausted',
      reason: 'r',
      error: { message: 'm' },
      originalSubject: 'p.agent.v1.job.qa',
      stream: 'S',
      consumer: 'job-qa',
      streamSequence: 7,
      deliveryCount: 3,
      headers: { 'Nats-Msg-Id': 'job-1' },
      payload: { a: 1 },
      deadLetteredAt: '2026-01-02T03:04:05.000Z',
    });
  });

  it('keeps a payload that is not JSON as text', () => {
    const envelope = buildDeadLetterEnvelope(source('oops {'), { kind: 'invalid_payload', reason: 'r' }, now);
    expect(envelope.payloadText).toBe('oops {');
    expect('payload' in envelope).toBe(false);
    expect('error' in envelope).toBe(false);
  });

  it('gives each stored message one dead-letter id, so a repeated dead letter is deduplicated', () => {
    expect(deadLetterMsgId('S', 7)).toBe('dlq:S:7');
  });
});
