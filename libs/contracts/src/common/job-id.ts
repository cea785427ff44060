import { Matches, MaxLength, MinLength } from 'class-validator';

/**
 * An agent job's id: its idempotency key on every hop (job, result, files it stores). Real ids are about
 * 100 characters (`<run>:<node>:<task>:<attempt>`); one bound for every contract that carries one, so an id
 * a job was sent with is never refused further along.
 */
export const JOB_ID_MAX_LENGTH = 300;
export const JOB_ID_PATTERN = /^[A-Za-z0-9:._-]+$/;

/** Validates a job id field (a string of 1..JOB_ID_MAX_LENGTH id characters). */
export function IsJobId(): PropertyDecorator {
  const rules = [
    MinLength(1),
    MaxLength(JOB_ID_MAX_LENGTH),
    Matches(JOB_ID_PATTERN, { message: '$property must contain only letters, digits and : . _ -' }),
  ];
  return (target, property) => {
    for (const rule of rules) rule(target, property);
  };
}
