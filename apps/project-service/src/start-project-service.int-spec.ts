/**
 * Real: PostgreSQL (an empty database, and a clone of the migrated template), NATS, startProjectService as
 * main.ts runs it. Faked: nothing. Proves the service refuses to start on a schema that is behind.
 */
import { HealthCheck } from '@shipyard/contracts';
import { parseConfig } from '@shipyard/shared/config';
import { NatsRpcClient } from '@shipyard/shared/messaging';
import { ensureDatabaseExists, migrations, withDatabase } from '@shipyard/shared/persistence';
import { createTestDatabase, testNatsPrefix, type TestDatabase } from '@shipyard/shared/testing';
import { ProjectServiceConfig } from './config.schema';
import { startProjectService } from './start-project-service';

describe('project-service start', () => {
  let db: TestDatabase;
  let emptyUrl: string;
  const prefix = testNatsPrefix();

  beforeAll(async () => {
    db = await createTestDatabase();
    emptyUrl = withDatabase(db.url, `${db.name}_empty`);
    await ensureDatabaseExists(emptyUrl);
  });

  afterAll(async () => {
    const admin = await import('pg').then(({ default: pg }) => new pg.Client({ connectionString: db.url }));
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${db.name}_empty" WITH (FORCE)`);
    await admin.end();
    await db.drop();
  });

  const configFor = (url: string) =>
    parseConfig(ProjectServiceConfig, {
      ...process.env,
      DATABASE_URL: url,
      NATS_SUBJECT_PREFIX: prefix,
      LOG_LEVEL: 'silent',
      HEALTH_PORT: '0',
    });

  it('refuses to start on a schema that is behind, naming the pending migrations, and answers nothing', async () => {
    const pending = migrations.map((Migration) => new Migration().name);
    await expect(startProjectService(configFor(emptyUrl))).rejects.toThrow(
      `database schema is behind: ${pending.length} pending migration(s): ${pending.join(', ')}; run \`npm run migrate\``,
    );
    const client = new NatsRpcClient({
      url: configFor(emptyUrl).NATS_URL,
      subjectPrefix: prefix,
      timeoutMs: 300,
      name: 'probe',
    });
    await client.connect();
    await expect(client.request(HealthCheck.subjectFor('project-service'), {})).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
    });
    await client.close();
  });

  it('reports its database down on the health subject when the database goes away', async () => {
    const doomed = await createTestDatabase();
    const app = await startProjectService(configFor(doomed.url));
    const client = new NatsRpcClient({
      url: configFor(doomed.url).NATS_URL,
      subjectPrefix: prefix,
      timeoutMs: 5000,
      name: 'probe',
    });
    await client.connect();
    try {
      await expect(client.request(HealthCheck.subjectFor('project-service'), {})).resolves.toMatchObject({
        checks: { database: 'up' },
      });
      await doomed.drop();
      await expect(client.request(HealthCheck.subjectFor('project-service'), {})).resolves.toMatchObject({
        checks: { database: 'down' },
      });
    } finally {
      await client.close();
      await app.close();
    }
  });

  it('starts on a current schema and stops cleanly', async () => {
    const app = await startProjectService(configFor(db.url));
    const client = new NatsRpcClient({
      url: configFor(db.url).NATS_URL,
      subjectPrefix: prefix,
      timeoutMs: 2000,
      name: 'probe',
    });
    await client.connect();
    await expect(client.request(HealthCheck.subjectFor('project-service'), {})).resolves.toMatchObject({
      status: 'ok',
    });
    await client.close();
    await app.close();
  });
});
