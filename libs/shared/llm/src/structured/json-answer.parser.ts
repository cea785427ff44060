export type JsonParse = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * Parses a model's JSON answer. Models outside JSON mode like to wrap JSON in a Markdown fence or add a
 * sentence around it; the outermost object is taken in that case rather than failing the whole call.
 */
export function parseJsonAnswer(content: string): JsonParse {
  const trimmed = content.trim();
  const fenced = /^```(?:json)?\s*\n([\s\S]*?)\n```$/i.exec(trimmed)?.[1];
  const candidates = [fenced ?? trimmed];
  const first = trimmed.indexOf('{');
  const last = trimmed.lastIndexOf('}');
  if (first > 0 || (last >= 0 && last < trimmed.length - 1)) candidates.push(trimmed.slice(first, last + 1));
  let error = 'empty answer';
  for (const text of candidates) {
    if (text === '') continue;
    try {
      return { ok: true, value: JSON.parse(text) as unknown };
    } catch (e) {
      error = (e as Error).message;
    }
  }
  return { ok: false, error: `not valid JSON (${error})` };
}
