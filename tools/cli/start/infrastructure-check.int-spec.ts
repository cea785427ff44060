/**
 * Real: the PostgreSQL, NATS and Redis this machine runs (DATABASE_URL, NATS_URL, REDIS_URL or their
 * defaults), plus a closed port and the wrong server behind a URL. Faked: nothing.
 */
import { parseConfig } from '@shipyard/shared/config';
import { checkInfrastructure, describeFailures, infrastructureTargets } from './infrastructure-check';
import { StartConfig } from './start.config';

const config = parseConfig(StartConfig);
const closed = (scheme: string): string => `${scheme}://127.0.0.1:1`;

async function failuresFor(
  urls: Partial<Pick<StartConfig, 'DATABASE_URL' | 'NATS_URL' | 'REDIS_URL'>>,
): Promise<Record<string, string | undefined>> {
  const results = await checkInfrastructure(infrastructureTargets({ ...config, ...urls }), 2000);
  return Object.fromEntries(results.map(({ target, error }) => [target.name, error]));
}

describe('checkInfrastructure', () => {
  it('finds all three answering on this machine', async () => {
    expect(await failuresFor({})).toEqual({ PostgreSQL: undefined, NATS: undefined, Redis: undefined });
  });

  it('counts a PostgreSQL without our database as answering (migrate creates it)', async () => {
    const url = new URL(config.DATABASE_URL);
    url.pathname = '/shipyard_does_not_exist_for_sure';
    expect((await failuresFor({ DATABASE_URL: url.toString() })).PostgreSQL).toBeUndefined();
  });

  it('names each one that does not answer, with the reason', async () => {
    const failures = await failuresFor({
      DATABASE_URL: closed('postgres'),
      NATS_URL: closed('nats'),
      REDIS_URL: closed('redis'),
    });
    expect(failures.PostgreSQL).toMatch(/ECONNREFUSED/);
    expect(failures.NATS).toBeDefined();
    expect(failures.Redis).toMatch(/ECONNREFUSED/);
  });

  it('does not take another server for Redis', async () => {
    const natsPort = new URL(config.NATS_URL).port || '4222';
    expect((await failuresFor({ REDIS_URL: `redis://127.0.0.1:${natsPort}` })).Redis).toMatch(
      /not a Redis reply/,
    );
  });

  it('tells a person what is down, where, and the command that starts it, without passwords', async () => {
    const results = await checkInfrastructure(
      infrastructureTargets({ ...config, DATABASE_URL: 'postgres://app:hunter2@127.0.0.1:1/db' }),
      2000,
    );
    const text = describeFailures(results);
    expect(text).toContain('PostgreSQL does not answer at postgres://app:***@127.0.0.1:1/db');
    expect(text).toContain('Start it with: pg_ctlcluster');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('NATS');
  });
});
