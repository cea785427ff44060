import { testNatsPrefix, uniqueId } from './unique-id';

describe('unique names for parallel test files', () => {
  it('makes prefixed ids that do not repeat', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => uniqueId('stream')));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^stream-[0-9a-f]{8}$/);
  });

  it('makes NATS prefixes that NATS_SUBJECT_PREFIX accepts (tokens ending with a dot)', () => {
    const prefix = testNatsPrefix();
    expect(prefix).toMatch(/^t[0-9a-f]{12}\.$/);
    expect(testNatsPrefix()).not.toBe(prefix);
  });
});
