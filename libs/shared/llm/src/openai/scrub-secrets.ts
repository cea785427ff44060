/** Looks like an OpenAI-style key (`sk-...`, `sk-proj-...`), masked or not. */
const KEY_LIKE = /\bsk-[A-Za-z0-9_*.-]{6,}/g;

/**
 * Removes the configured key and anything shaped like a key from text that came from the endpoint:
 * OpenAI's own 401 message quotes part of the key, and a proxy may quote all of it.
 */
export function scrubSecrets(text: string, apiKey: string | undefined): string {
  let out = text;
  if (apiKey && apiKey.length >= 4) out = out.split(apiKey).join('[redacted]');
  return out.replace(KEY_LIKE, 'sk-[redacted]');
}
