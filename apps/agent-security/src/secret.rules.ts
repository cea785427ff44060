import type { FindingSeverity } from '@shipyard/contracts';

/** A credential format recognised by its shape alone. */
export interface SecretRule {
  id: string;
  description: string;
  severity: FindingSeverity;
  /** Global regex; the first capture group, when there is one, is the secret itself. */
  pattern: RegExp;
  /** Shortest entropy (bits/char) the secret must have; formats with a fixed shape need none. */
  minEntropy?: number;
  /** Generic rules skip placeholders and references (`${TOKEN}`, `process.env.X`, `changeme...`). */
  skipPlaceholders?: boolean;
}

/**
 * Formats with a vendor prefix or fixed shape: a match is almost never anything but a credential, so they
 * are reported as critical (a live key in a repository is an incident, not a nit).
 */
export const KNOWN_SECRET_RULES: readonly SecretRule[] = [
  {
    id: 'secret/private-key',
    description: 'private key block',
    severity: 'critical',
    // The whole block (to its END line, or the end of the file when cut), so redaction removes the key.
    pattern:
      /-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END [A-Z ]+-----|$(?![\s\S]))/g,
  },
  {
    id: 'secret/aws-access-key-id',
    description: 'AWS access key id',
    severity: 'critical',
    pattern: /\b((?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16})\b/g,
  },
  {
    id: 'secret/aws-secret-access-key',
    description: 'AWS secret access key',
    severity: 'critical',
    pattern: /aws_?secret_?(?:access_?)?key["']?\s*[:=]\s*["']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/gi,
    minEntropy: 3.5,
  },
  {
    id: 'secret/github-token',
    description: 'GitHub token',
    severity: 'critical',
    pattern: /\b((?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/g,
  },
  {
    id: 'secret/openai-api-key',
    description: 'OpenAI API key',
    severity: 'critical',
    pattern: /\b(sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{32,})\b/g,
    minEntropy: 3.5,
  },
  {
    id: 'secret/slack-token',
    description: 'Slack token',
    severity: 'critical',
    pattern: /\b(xox[abposr]-[A-Za-z0-9-]{10,})\b/g,
  },
  {
    id: 'secret/stripe-live-key',
    description: 'Stripe live key',
    severity: 'critical',
    pattern: /\b((?:sk|rk)_live_[A-Za-z0-9]{20,})\b/g,
  },
  {
    id: 'secret/google-api-key',
    description: 'Google API key',
    severity: 'critical',
    pattern: /\b(AIza[0-9A-Za-z_-]{35})\b/g,
  },
  {
    id: 'secret/jwt',
    description: 'JSON Web Token',
    severity: 'high',
    pattern: /\b(eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,})\b/g,
  },
];

/**
 * `password = "..."`, `apiKey: '...'`, `SECRET_TOKEN="..."`: a name that says credential, assigned a quoted
 * literal. Only reported when the literal looks random (entropy), so `password = "changeme"` in a test
 * fixture and `token: ''` do not drown the real ones.
 */
export const ASSIGNMENT_RULE: SecretRule = {
  id: 'secret/hardcoded-credential',
  description: 'hard-coded credential',
  severity: 'high',
  pattern:
    /\b[A-Za-z0-9_]*(?:passw(?:or)?d|secret|api[_-]?key|access[_-]?key|auth[_-]?token|token|credential)[A-Za-z0-9_]*["']?\s*[:=]\s*["'`]([^"'`\s]{12,200})["'`]/gi,
  minEntropy: 3.3,
  skipPlaceholders: true,
};

/**
 * Any long quoted run of base64 or hex characters that looks random: keys of formats we do not know by
 * name. Reported at medium, since build hashes and test vectors look the same.
 */
export const HIGH_ENTROPY_RULE: SecretRule = {
  id: 'secret/high-entropy-string',
  description: 'high-entropy string (possible secret)',
  severity: 'medium',
  pattern: /["'`]([A-Za-z0-9+/=_-]{32,500})["'`]/g,
  minEntropy: 4.5,
  skipPlaceholders: true,
};
