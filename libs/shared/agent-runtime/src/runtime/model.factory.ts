import type { RoleModelConfig } from '@shipyard/contracts';
import type { ChatModel } from '@shipyard/shared/llm';

/**
 * Gives the model for a job's model config. Production uses `createChatModel` with the service's LLM
 * settings; tests pass a factory that wraps it (to count or script calls) through the runtime's options.
 */
export type ModelFactory = (config: RoleModelConfig) => ChatModel;
