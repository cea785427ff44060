import type { FileChange, SecurityFinding } from '@shipyard/contracts';
import { shannonEntropy } from './shannon-entropy';
import { ASSIGNMENT_RULE, HIGH_ENTROPY_RULE, KNOWN_SECRET_RULES, type SecretRule } from './secret.rules';

export interface SecretScanLimits {
  /** Files beyond this many are not scanned (and the report says so). */
  maxFiles: number;
  /** Bytes of one file scanned; the rest of a longer file is skipped. */
  maxBytesPerFile: number;
  /** Findings kept per file, so one generated blob cannot crowd out every other file. */
  maxFindingsPerFile: number;
  maxFindings: number;
}

export const DEFAULT_SECRET_SCAN_LIMITS: SecretScanLimits = {
  maxFiles: 500,
  maxBytesPerFile: 1_000_000,
  maxFindingsPerFile: 20,
  maxFindings: 100,
};

export interface SecretScanReport {
  findings: SecurityFinding[];
  /**
   * The secrets themselves, for redacting them from what is sent onwards (the model's prompt). Never put
   * these in a result, a comment or a log.
   */
  secrets: string[];
  filesScanned: number;
  bytesScanned: number;
  /** True when a limit cut the scan short. */
  truncated: boolean;
}

/** Values that look like credentials by name but are references or placeholders, never secrets. */
const PLACEHOLDER =
  /^(?:\$\{.*\}|\$[A-Z_]+|process\.env.*|<[^>]*>|\{\{.*\}\}|x{4,}|\*{4,}|(?:your|my|example|sample|dummy|test|fake|placeholder|changeme|redacted)[-_a-z0-9]*)$/i;
/** Integrity hashes in lockfiles (`sha512-...`) are high-entropy by design. */
const INTEGRITY_HASH = /^sha(?:1|256|384|512)-/;

/**
 * A deterministic scan for credentials in file contents: vendor key formats by regex, credential-named
 * assignments and long literals by regex plus an entropy threshold. It complements the model, which reads
 * the code for logic flaws but may miss (or be talked out of) a pasted key. Messages never contain the
 * secret: only its first four characters and its length, enough to find and rotate it.
 */
export function scanForSecrets(
  files: readonly FileChange[],
  limits: SecretScanLimits = DEFAULT_SECRET_SCAN_LIMITS,
): SecretScanReport {
  const findings: SecurityFinding[] = [];
  const secrets = new Set<string>();
  let filesScanned = 0;
  let bytesScanned = 0;
  let truncated = files.length > limits.maxFiles;
  for (const file of files.slice(0, limits.maxFiles)) {
    const text =
      file.content.length > limits.maxBytesPerFile
        ? file.content.slice(0, limits.maxBytesPerFile)
        : file.content;
    if (text.length < file.content.length) truncated = true;
    filesScanned++;
    bytesScanned += Buffer.byteLength(text, 'utf8');
    const found = scanFile(file.path, text);
    // Every secret is redacted onwards, even those past the findings limits.
    for (const { secret } of found) secrets.add(secret);
    for (const { finding } of found.slice(0, limits.maxFindingsPerFile)) {
      if (findings.length >= limits.maxFindings) {
        truncated = true;
        break;
      }
      findings.push(finding);
    }
  }
  return { findings, secrets: [...secrets], filesScanned, bytesScanned, truncated };
}

function scanFile(path: string, text: string): Array<{ finding: SecurityFinding; secret: string }> {
  const findings: Array<{ finding: SecurityFinding; secret: string }> = [];
  // A span reported by a stronger rule is not reported again by a weaker one.
  const claimed: Array<[number, number]> = [];
  const lineStarts = indexLines(text);
  for (const rule of [...KNOWN_SECRET_RULES, ASSIGNMENT_RULE, HIGH_ENTROPY_RULE]) {
    for (const match of text.matchAll(rule.pattern)) {
      const secret = match[1] ?? match[0];
      const start = (match.index ?? 0) + match[0].indexOf(secret);
      const end = start + secret.length;
      if (claimed.some(([s, e]) => start < e && end > s)) continue;
      if (!accepts(rule, secret)) continue;
      claimed.push([start, end]);
      findings.push({
        secret,
        finding: {
          severity: rule.severity,
          rule: rule.id,
          path: path.slice(0, 300),
          message: `${capitalise(rule.description)} at line ${lineOf(lineStarts, start)}: ${redact(secret)}. Remove it from the code, rotate it, and load it from the environment or a secret store.`,
        },
      });
    }
  }
  return findings;
}

function accepts(rule: SecretRule, secret: string): boolean {
  if (rule.skipPlaceholders && (PLACEHOLDER.test(secret) || INTEGRITY_HASH.test(secret))) return false;
  return rule.minEntropy === undefined || shannonEntropy(secret) >= rule.minEntropy;
}

/** Enough to recognise the value while rotating it, never enough to use it. */
export function redact(secret: string): string {
  if (secret.startsWith('-----BEGIN'))
    return (/^-----(BEGIN [A-Z ]+)-----/.exec(secret)?.[1] ?? 'BEGIN PRIVATE KEY').trim();
  return `${secret.slice(0, 4)}... (${secret.length} characters, redacted)`;
}

function indexLines(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function lineOf(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) low = mid;
    else high = mid - 1;
  }
  return low + 1;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * A deep copy of `value` with every occurrence of the secrets replaced by a marker. The security agent
 * sends the job to its model with the secrets it found redacted: a live key must not travel to a model
 * endpoint (often a third party), and the model needs the marker, not the key, to reason about the code.
 */
export function redactSecrets<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value;
  // Longest first, so a secret containing another is replaced whole.
  const ordered = [...secrets].sort((a, b) => b.length - a.length);
  const scrub = (text: string): string =>
    ordered.reduce((out, secret) => out.split(secret).join(REDACTION_MARKER), text);
  const visit = (node: unknown): unknown => {
    if (typeof node === 'string') return scrub(node);
    if (Array.isArray(node)) return node.map(visit);
    if (typeof node === 'object' && node !== null)
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, visit(v)]));
    return node;
  };
  return visit(value) as T;
}

/** What replaces a secret in the model's prompt. */
export const REDACTION_MARKER = '[REDACTED SECRET]';
