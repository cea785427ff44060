/**
 * `npm run tenant:create -- --name <name>`: creates a tenant and its first API key. The key is printed once,
 * as the last line of output, so scripts can take it with `tail -n 1`; only its hash is stored.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { DomainError } from '@shipyard/contracts';
import { parseConfig } from '@shipyard/shared/config';
import { DatabaseCliConfig, redactedDatabaseUrl } from '@shipyard/shared/persistence';
import { provisionTenant } from './tenant/provision-tenant';

const USAGE = 'usage: npm run tenant:create -- --name <tenant name>';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { name: { type: 'string' } },
    strict: true,
    allowPositionals: false,
  });
  if (!values.name?.trim()) throw new UsageError(`--name is required\n${USAGE}`);
  const url = parseConfig(DatabaseCliConfig).DATABASE_URL;
  const tenant = await provisionTenant(url, values.name, 'tenant-create');
  console.log(`created tenant "${tenant.name}" (${tenant.tenantId}) in ${redactedDatabaseUrl(url)}`);
  console.log(`API key ${tenant.keyId} (shown once; store it now):`);
  console.log(tenant.apiKey);
}

class UsageError extends Error {}

main().catch((error: unknown) => {
  const message =
    error instanceof DomainError && Array.isArray(error.details)
      ? `${error.message}: ${error.details.map((d) => `${d.path} ${d.messages.join('; ')}`).join(', ')}`
      : error instanceof Error
        ? error.message
        : String(error);
  console.error(`tenant:create failed: ${message}`);
  process.exit(error instanceof UsageError ? 2 : 1);
});
