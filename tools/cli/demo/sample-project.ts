import type { RunConfigPatch } from '@shipyard/contracts';

/** A small, realistic requirement: enough for the PM to plan several dependent tasks. */
export const SAMPLE_REQUIREMENTS = `Build "Shelf", a small REST API for a neighbourhood book-lending club.

- Members register with a name and an email address (unique, validated) and get an id.
- Members list books they are willing to lend: title, author, optional ISBN-13 (validated checksum).
- A member can borrow an available book for up to 21 days; a book has at most one open loan.
- Returning a book closes the loan; overdue loans are listed for each lender.
- Everything is JSON over HTTP with input validation and clear 4xx errors; data in PostgreSQL.
- Include automated tests for the loan rules, API documentation, and a Dockerfile.`;

/**
 * The demo's template: the platform's defaults with a budget that bounds a runaway run, two review rounds
 * and a security gate that blocks high findings, so the report shows each mechanism.
 */
export const SAMPLE_TEMPLATE = {
  name: 'Demo: small web service',
  description: 'Created by npm run demo',
  config: {
    budget: { maxTokens: 1_500_000, maxCostUsd: 10, onExceed: 'stop' },
    review: { maxIterations: 2 },
    security: { gate: 'block_high', maxFixCycles: 2 },
    deadlineMinutes: 30,
  } satisfies RunConfigPatch,
};

export const SAMPLE_PROJECT_NAME = 'Shelf: book-lending API';
