import { DomainError } from '@shipyard/contracts';
import { resumePoint } from './resume-point';

test('the header wins over the query, and neither means from the start', () => {
  expect(resumePoint(undefined, undefined)).toBe(0);
  expect(resumePoint(undefined, 7)).toBe(7);
  expect(resumePoint('12', 7)).toBe(12);
  expect(resumePoint(' 3 ', undefined)).toBe(3);
  expect(resumePoint('0', undefined)).toBe(0);
});

test.each(['', 'abc', '-1', '1.5', '1e3', '99999999999999999', '0x10'])(
  'Last-Event-ID %p is refused',
  (value) => {
    expect(() => resumePoint(value, undefined)).toThrow(DomainError);
    try {
      resumePoint(value, undefined);
    } catch (error) {
      expect((error as DomainError).code).toBe('VALIDATION_FAILED');
    }
  },
);
