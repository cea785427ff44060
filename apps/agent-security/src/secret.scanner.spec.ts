import { REDACTION_MARKER, redact, redactSecrets, scanForSecrets } from './secret.scanner';
import { shannonEntropy } from './shannon-entropy';

// Built by concatenation so this file is not itself flagged by scanners that read the repository.
const SECRETS = {
  aws: 'AKIA' + 'Q3EGRTYVX7PLMN4Z',
  awsSecret: 'wJalrXUtnFEMI/K7MDENG/' + 'bPxRfiCYzq8Xk2LmN0',
  github: 'ghp_' + 'R8d2kLq9ZxV4mN7pT1wY6sB3cF5gH0jK2aE9',
  openai: 'sk-proj-' + 'Zq8XkLmN0pQw3RtY6uI9oP2aS5dF8gH1jK4lZx7',
  slack: 'xoxb-' + '2841930572-9f8e7d6c5b4a',
  stripe: 'sk_live_' + '51HqL8kZ2mN4pQ7rS9tU1vW3',
  google: 'AIza' + 'SyD3kLq9ZxV4mN7pT1wY6sB3cF5gH0jK2aE',
  jwt: 'eyJ' + 'hbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
};

const file = (content: string, path = 'src/config.ts') => ({ path, content });

describe('scanForSecrets', () => {
  it.each([
    ['secret/aws-access-key-id', `const id = "${SECRETS.aws}";`],
    ['secret/aws-secret-access-key', `aws_secret_access_key = ${SECRETS.awsSecret}`],
    ['secret/github-token', `token: '${SECRETS.github}'`],
    ['secret/openai-api-key', `OPENAI_API_KEY=${SECRETS.openai}`],
    ['secret/slack-token', `slack(${JSON.stringify(SECRETS.slack)})`],
    ['secret/stripe-live-key', `stripe('${SECRETS.stripe}')`],
    ['secret/google-api-key', `key=${SECRETS.google}`],
    ['secret/jwt', `Authorization: Bearer ${SECRETS.jwt}`],
    ['secret/private-key', '-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----'],
  ])('recognises %s', (rule, content) => {
    const { findings } = scanForSecrets([file(content)]);
    expect(findings.map((f) => f.rule)).toEqual([rule]);
    expect(findings[0]).toMatchObject({ path: 'src/config.ts' });
    expect(['critical', 'high']).toContain(findings[0]?.severity);
  });

  it('never puts the secret into a finding, only a recognisable prefix and its length', () => {
    const { findings } = scanForSecrets([file(`const k = '${SECRETS.github}';`)]);
    expect(findings[0]?.message).not.toContain(SECRETS.github);
    expect(findings[0]?.message).toContain(`ghp_... (${SECRETS.github.length} characters, redacted)`);
  });

  it('names the line of the finding', () => {
    const { findings } = scanForSecrets([file(`// config\n\nexport const id = '${SECRETS.aws}';\n`)]);
    expect(findings[0]?.message).toContain('at line 3');
  });

  it('reports credential-named assignments only when the value looks random', () => {
    const random = scanForSecrets([file('const dbPassword = "Tq9#vL2xR8mZ4pK7";')]);
    expect(random.findings).toEqual([
      expect.objectContaining({ rule: 'secret/hardcoded-credential', severity: 'high' }),
    ]);
    const quiet = scanForSecrets([
      file(
        [
          'const password = "aaaaaaaaaaaaaaaa";',
          'const apiKey = "changeme-before-deploy";',
          'const token = "${SERVICE_TOKEN_FROM_ENV}";',
          'const secret = process.env.SECRET;',
          'const authToken = "<your-token-here>";',
        ].join('\n'),
      ),
    ]);
    expect(quiet.findings).toEqual([]);
  });

  it('reports long random literals at medium, but not lockfile integrity hashes', () => {
    const blob = 'Zq8XkLmN0pQw3RtY6uI9oP2aS5dF8gH1jK4lZx7cV0bN';
    const { findings } = scanForSecrets([
      file(`const data = "${blob}";`),
      file(`"integrity": "sha512-${blob}${blob}=="`, 'package-lock.json'),
    ]);
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'secret/high-entropy-string',
        severity: 'medium',
        path: 'src/config.ts',
      }),
    ]);
  });

  it('reports a span once, under the most specific rule', () => {
    const { findings } = scanForSecrets([file(`const apiKey = "${SECRETS.openai}";`)]);
    expect(findings.map((f) => f.rule)).toEqual(['secret/openai-api-key']);
  });

  it('keeps within its limits and says when it was cut short', () => {
    const many = Array.from({ length: 5 }, (_, i) => file(`const id${i} = "${SECRETS.aws}";`, `f${i}.ts`));
    const report = scanForSecrets(many, {
      maxFiles: 3,
      maxBytesPerFile: 1000,
      maxFindingsPerFile: 5,
      maxFindings: 2,
    });
    expect(report.findings).toHaveLength(2);
    expect(report.filesScanned).toBe(3);
    expect(report.truncated).toBe(true);
    const clean = scanForSecrets([file('export const answer = 42;\n')]);
    expect(clean).toEqual({ findings: [], secrets: [], filesScanned: 1, bytesScanned: 26, truncated: false });
  });
});

describe('shannonEntropy', () => {
  it('is 0 for one repeated character and log2(n) for n distinct ones', () => {
    expect(shannonEntropy('')).toBe(0);
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBeCloseTo(2);
    expect(shannonEntropy('0123456789abcdef')).toBeCloseTo(4);
  });
});

describe('redact', () => {
  it('keeps four characters and the length, or the label of a key block', () => {
    expect(redact('abcdefghijkl')).toBe('abcd... (12 characters, redacted)');
    expect(redact('-----BEGIN EC PRIVATE KEY-----\nMHcCAQ\n-----END EC PRIVATE KEY-----')).toBe(
      'BEGIN EC PRIVATE KEY',
    );
  });
});

describe('redactSecrets', () => {
  it('replaces every secret the scan found, wherever it sits in the input, whole private keys included', () => {
    const pem = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----';
    const input = {
      files: [
        { path: 'a.ts', content: `const id = '${SECRETS.aws}';` },
        { path: 'key.pem', content: `${pem}\n` },
      ],
      notes: [`rotate ${SECRETS.aws}`],
      round: 2,
    };
    const { secrets } = scanForSecrets(input.files);
    expect(redactSecrets(input, secrets)).toEqual({
      files: [
        { path: 'a.ts', content: `const id = '${REDACTION_MARKER}';` },
        { path: 'key.pem', content: `${REDACTION_MARKER}\n` },
      ],
      notes: [`rotate ${REDACTION_MARKER}`],
      round: 2,
    });
    expect(input.notes[0]).toContain(SECRETS.aws);
  });
});
