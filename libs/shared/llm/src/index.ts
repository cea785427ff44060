/**
 * The LLM layer: one `ChatModel` port, two implementations (any OpenAI-compatible endpoint, and a
 * deterministic offline model that is the default when no endpoint is configured), the job prompt both
 * understand, a price table, and structured (validated JSON) output. See README.md for the offline
 * model's steering markers. Test helpers live in `./testing`.
 */

// Port and errors
export type {
  ChatMessage,
  ChatModel,
  ChatRequest,
  ChatResponse,
  ChatUsage,
  FinishReason,
  ResponseFormat,
} from './chat-model.port';
export { MAX_MAX_TOKENS } from './chat-request.validator';
export { DelegatingChatModel } from './delegating-chat-model';
export { LlmError, LlmErrorCodes, isLlmError, type LlmErrorCode, type LlmErrorOptions } from './llm.errors';
export type { LlmLogger } from './llm-logger';

// Configuration and choosing a model
export { LlmConfig, llmEndpointConfigured } from './llm.config';
export { createChatModel, type CreateChatModelOptions } from './create-chat-model.factory';

// Implementations
export { OpenAIChatModel, OPENAI_PROVIDER, type OpenAIChatModelOptions } from './openai/openai-chat.model';
export { createOpenAIClient, OPENAI_DEFAULT_BASE_URL } from './openai/openai-client.factory';
export { mapOpenAIError } from './openai/openai-error.mapper';
export { OfflineChatModel, type OfflineChatModelOptions } from './offline/offline-chat.model';
export { CHARS_PER_TOKEN, estimateTokens } from './offline/estimate-tokens';
export { OFFLINE_LABEL, OFFLINE_MODEL, OFFLINE_PROVIDER } from './offline/offline-identity';
export { DEFAULT_MARKERS, parseOfflineMarkers, type OfflineMarkers } from './offline/offline-markers.parser';

// Prompts: how a job becomes a prompt, and back
export { buildJobPrompt, type JobPrompt } from './prompts/job-prompt.builder';
export { readJobFromPrompt, type ReadJobResult } from './prompts/job-prompt.reader';
export type { PromptedJob } from './prompts/prompted-job';
export { ROLE_SYSTEM_PROMPTS } from './prompts/role-system-prompts';
export { KIND_INSTRUCTIONS } from './prompts/kind-instructions';

// Prices
export { PriceTable, type PriceLookup } from './pricing/price-table';
export { DEFAULT_PRICES } from './pricing/default-prices';
export type { ModelPrice } from './pricing/model-price';

// Structured output
export { completeStructured, type StructuredResult } from './structured/complete-structured';
export { classSchema, guardSchema, type OutputSchema, type SchemaCheck } from './structured/output-schema';
export { JOB_OUTPUT_SCHEMAS } from './outputs/job-output-schemas';
export * from './outputs/plan-output.schemas';
export * from './outputs/files-output.schemas';
export * from './outputs/verdict-output.schemas';
export { FileChangeSchema } from './outputs/file-change.schema';
