import { thrownBy } from '@shipyard/shared/test-utils';
import { jobIdOfKey, resultBucketName, resultKey } from './result-store.naming';

describe('result store naming', () => {
  it('gives production the plain bucket and each prefix its own valid bucket name', () => {
    expect(resultBucketName('')).toBe('agent-results');
    const a = resultBucketName('ta1.');
    const b = resultBucketName('ta1_.');
    expect(a).toMatch(/^[-\w]+$/);
    expect(a).not.toBe(b);
    expect(resultBucketName('ta1.')).toBe(a);
    expect(thrownBy(() => resultBucketName('no-dot'))).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('encodes job ids with colons and dots into valid KV keys, reversibly', () => {
    const jobId = 'run-1:task.7:implement:attempt-2';
    const key = resultKey(jobId);
    expect(key).toMatch(/^[-\w]+$/);
    expect(jobIdOfKey(key)).toBe(jobId);
    expect(resultKey('a:b')).not.toBe(resultKey('a.b'));
    expect(thrownBy(() => resultKey(''))).toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
