import { validate } from '@langchain/langgraph-checkpoint-validation';
import { WriteBehindSaver } from '../write-behind.saver';
import { conformanceInitializer } from './conformance-initializer';

// WriteBehindSaver called outside any unit: every call goes straight to PostgreSQL.
validate(conformanceInitializer('WriteBehindSaver (no unit)', (db) => new WriteBehindSaver(db)));
