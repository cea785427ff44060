import {
  assertSubject,
  deadLetterSubjectFor,
  jobConsumerName,
  jobStreamNames,
  prefixedJobSubject,
  prefixedResultSubject,
} from './jetstream.naming';
import { thrownBy } from '@shipyard/shared/test-utils';

describe('jobStreamNames', () => {
  it('uses plain names for the empty (production) prefix', () => {
    expect(jobStreamNames('')).toEqual({
      jobs: 'AGENT_JOBS',
      results: 'AGENT_RESULTS',
      deadLetters: 'AGENT_DLQ',
    });
  });

  it('derives readable, valid stream names from a prefix', () => {
    const names = jobStreamNames('t1a2b.run.');
    expect(names.jobs).toMatch(/^t1a2b_run_[0-9a-f]{8}_AGENT_JOBS$/);
    for (const name of Object.values(names)) expect(name).not.toMatch(/[.*> ]/);
  });

  it('keeps prefixes that read alike apart', () => {
    expect(jobStreamNames('a.b_.').jobs).not.toBe(jobStreamNames('a_b_.').jobs);
    expect(jobStreamNames('a.b.').jobs).not.toBe(jobStreamNames('a_b.').jobs);
  });

  it('refuses a prefix that is not dot-terminated tokens', () => {
    expect(thrownBy(() => jobStreamNames('nodot'))).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(thrownBy(() => jobStreamNames('a.*.'))).toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});

describe('subjects and consumer names', () => {
  it('builds per-role subjects and consumer names', () => {
    expect(prefixedJobSubject('p.', 'developer')).toBe('p.agent.v1.job.developer');
    expect(prefixedResultSubject('', 'qa')).toBe('agent.v1.result.qa');
    expect(jobConsumerName('security')).toBe('job-security');
  });

  it('refuses roles that are not one lower-case token', () => {
    expect(thrownBy(() => jobConsumerName('Dev'))).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(thrownBy(() => prefixedJobSubject('', 'a.b'))).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(thrownBy(() => prefixedJobSubject('', '*'))).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('accepts literal subjects only', () => {
    expect(() => assertSubject('agent.v1.job.qa')).not.toThrow();
    for (const bad of ['', 'a..b', 'a.*', 'a.>', 'a b', '.a', 'x'.repeat(256)]) {
      expect(thrownBy(() => assertSubject(bad))).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
  });
});

describe('deadLetterSubjectFor', () => {
  it('maps job and result subjects to their dead-letter subjects', () => {
    expect(deadLetterSubjectFor('p.', 'p.agent.v1.job.developer')).toBe('p.agent.v1.dlq.developer');
    expect(deadLetterSubjectFor('p.', 'p.agent.v1.result.qa')).toBe('p.agent.v1.dlq.result.qa');
    expect(deadLetterSubjectFor('', 'agent.v1.job.pm')).toBe('agent.v1.dlq.pm');
  });

  it('refuses subjects it cannot place, so such a message is never terminated', () => {
    expect(thrownBy(() => deadLetterSubjectFor('p.', 'q.agent.v1.job.developer'))).toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect(thrownBy(() => deadLetterSubjectFor('p.', 'p.agent.v1.dlq.developer'))).toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect(thrownBy(() => deadLetterSubjectFor('p.', 'p.agent.v1.job.a.b'))).toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });
});
