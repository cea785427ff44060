import { validate } from '@langchain/langgraph-checkpoint-validation';
import { WriteBehindSaver } from '../write-behind.saver';
import { conformanceInitializer } from './conformance-initializer';
import { UnitPerCallSaver } from './unit-per-call.saver';

// WriteBehindSaver with every call in a unit of its own: buffered writes, flush before COMMIT, cached head.
validate(
  conformanceInitializer(
    'WriteBehindSaver (each call in a unit)',
    (db) => new UnitPerCallSaver(new WriteBehindSaver(db), db),
  ),
);
