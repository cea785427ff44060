/**
 * Roughly four characters per token is how OpenAI's tokenizers behave on English and code; the multiplier
 * scales it so offline runs can use as many tokens as a chattier model would.
 */
export const CHARS_PER_TOKEN = 4;

export function estimateTokens(text: string, multiplier = 1): number {
  if (text.length === 0) return 0;
  return Math.max(1, Math.ceil((text.length / CHARS_PER_TOKEN) * multiplier));
}
