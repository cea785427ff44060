import { PostgresSaver } from '@langchain/langgraph-checkpoint-postgres';
import { validate } from '@langchain/langgraph-checkpoint-validation';
import { conformanceInitializer } from './conformance-initializer';

// The stock PostgresSaver on the same migrated tables: the baseline our saver is compared with.
validate(conformanceInitializer('PostgresSaver (stock)', (db) => new PostgresSaver(db.pool)));
