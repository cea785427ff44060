/** API keys are opaque to the gateway; this only bounds them (the contract allows up to 500 characters). */
const BEARER = /^Bearer[ ]+([\x21-\x7e]{1,500})[ ]*$/i;

/**
 * Extracts the key from `Authorization: Bearer <key>`, or returns undefined for anything else: no header,
 * another scheme, an empty or over-long key, whitespace or control characters inside it, repeated headers.
 */
export function parseBearerToken(header: string | string[] | undefined): string | undefined {
  if (typeof header !== 'string') return undefined;
  return BEARER.exec(header)?.[1];
}
