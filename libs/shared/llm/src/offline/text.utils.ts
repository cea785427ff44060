/** Small text helpers the offline generators share to derive names and statements from free text. */

/** Requirement text to statements: one per line or sentence, bullets and numbering removed. */
export function splitStatements(text: string): string[] {
  return text
    .split(/\r?\n|(?<=[.!?])\s+(?=[A-Z0-9])/)
    .map((line) => line.replace(/^\s*(?:[-*•]|\d+[.)]|#+)\s*/, '').trim())
    .filter((line) => /[A-Za-z]{3,}/.test(line));
}

/** At most `words` words, for titles. */
export function shorten(text: string, words: number): string {
  const parts = text
    .replace(/[.!?:;]+$/, '')
    .split(/\s+/)
    .filter(Boolean);
  return parts.length <= words ? parts.join(' ') : `${parts.slice(0, words).join(' ')}...`;
}

const STOP = new Set([
  'a',
  'an',
  'the',
  'and',
  'or',
  'of',
  'to',
  'for',
  'with',
  'in',
  'on',
  'by',
  'be',
  'can',
  'must',
  'should',
  'shall',
  'will',
  'implement',
  'add',
  'create',
  'build',
  'make',
  'that',
  'it',
  'is',
  'are',
  'as',
  'from',
  'their',
  'its',
  'user',
  'users',
  'system',
]);

/** Up to `max` meaningful words, lower case, for identifiers and file names. */
export function keywords(text: string, max = 3): string[] {
  const words = text
    .toLowerCase()
    .replace(/[^a-z0-9\s]/g, ' ')
    .split(/\s+/)
    .filter((w) => w.length > 1 && !STOP.has(w) && !/^\d/.test(w));
  return [...new Set(words)].slice(0, max);
}

export function kebabCase(words: readonly string[]): string {
  return words.join('-') || 'feature';
}

export function camelCase(words: readonly string[]): string {
  const [first = 'feature', ...rest] = words;
  return first + rest.map(capitalise).join('');
}

export function pascalCase(words: readonly string[]): string {
  return capitalise(camelCase(words));
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** A string literal safe to embed in generated TypeScript. */
export function tsString(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\r?\n/g, ' ')}'`;
}
