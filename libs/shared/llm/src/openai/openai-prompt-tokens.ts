/** Tokens per message in OpenAI's chat format (role and separators): documented as 3, 4 for older models. */
const TOKENS_PER_MESSAGE = 4;
/** Every reply is primed with `<|start|>assistant<|message|>`. */
const REPLY_PRIMING_TOKENS = 3;
/** Bytes of UTF-8 per token, chosen to err high: see estimateOpenAIPromptTokens. */
const BYTES_PER_TOKEN = 3;

/**
 * The prompt tokens an OpenAI-compatible endpoint will count for `messages`, estimated before the call
 * (the endpoint tokenizes; we ship no tokenizer). It errs high on purpose, because a job's allowance
 * caps the completion at what is left after this number: OpenAI's tokenizers average about 4 characters
 * per token on English and 3 to 3.5 on code and JSON, which is what our prompts carry, so one token per 3
 * UTF-8 bytes overcounts them; CJK and most other non-Latin characters are 3 bytes and about one token
 * each, so counting bytes rather than characters keeps those close instead of 3 times too low. Text that
 * tokenizes worse than that (long runs of emoji or rare symbols) can still be undercounted; the allowance
 * is then only as tight as this estimate.
 */
export function estimateOpenAIPromptTokens(messages: ReadonlyArray<{ content: string }>): number {
  let tokens = REPLY_PRIMING_TOKENS;
  for (const message of messages) {
    tokens += TOKENS_PER_MESSAGE + Math.ceil(Buffer.byteLength(message.content, 'utf8') / BYTES_PER_TOKEN);
  }
  return tokens;
}
