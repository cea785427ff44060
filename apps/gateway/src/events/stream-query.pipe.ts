import type { PipeTransform } from '@nestjs/common';
import { DomainError, StreamRunEvents, validateContract } from '@shipyard/contracts';
import { SEQ_DIGITS } from './resume-point';

/**
 * Validates the query of the event stream. `after` must be written in plain digits: the contract's Number
 * conversion alone would read `after=` as 0 and `1e3` as 1000, silently replaying from the wrong place.
 */
export class StreamQueryPipe implements PipeTransform<unknown, StreamRunEvents.Query> {
  transform(value: unknown): StreamRunEvents.Query {
    // Express hands over a null-prototype object; validation wants a plain one.
    const raw: Record<string, unknown> = { ...(value as object | undefined) };
    if (raw.after !== undefined && !(typeof raw.after === 'string' && SEQ_DIGITS.test(raw.after))) {
      throw new DomainError('VALIDATION_FAILED', 'Request is invalid', [
        { path: 'after', messages: ['after must be the id (a whole number written in digits) of an event'] },
      ]);
    }
    return validateContract(StreamRunEvents.Query, raw);
  }
}
