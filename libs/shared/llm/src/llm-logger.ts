import type { Logger } from 'pino';

/** The slice of a pino logger the LLM layer writes to (`createLogger` from observability gives one). */
export type LlmLogger = Pick<Logger, 'error' | 'warn' | 'info' | 'debug'>;
