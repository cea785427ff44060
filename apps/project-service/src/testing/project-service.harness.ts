import type { INestApplication } from '@nestjs/common';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import {
  projectEntities,
  ProjectsStore,
  TenantProvisioner,
  type ProvisionedTenant,
} from '@shipyard/projects/data-access';
import { parseConfig } from '@shipyard/shared/config';
import { NatsRpcClient } from '@shipyard/shared/messaging';
import { createDataSource } from '@shipyard/shared/persistence';
import { createTestDatabase, testNatsPrefix, type TestDatabase } from '@shipyard/shared/testing';
import { ProjectServiceConfig } from '../config.schema';
import { startProjectService } from '../start-project-service';

/** What a project-service int-spec drives: the real service in-process, reached over real NATS. */
export interface ProjectServiceHarness {
  /** Talks to the service exactly as the gateway does. */
  client: NatsRpcClient;
  /**
   * Collects every message the service publishes on `subject` (unprefixed) from now on, on a NATS
   * connection of its own; close it in a finally.
   */
  listen<T>(subject: string): Promise<{ heard: T[]; close: () => Promise<void> }>;
  /** Direct SQL on the file's own database, for checks the API cannot make (row counts, triggers). */
  sql: pg.Client;
  /** Rows of `table` matching `where` (SQL with $1... bound to `params`): proves what a request wrote. */
  count(table: string, where?: string, params?: unknown[]): Promise<number>;
  /** A fresh tenant with an API key. */
  tenant(name?: string): Promise<ProvisionedTenant>;
  close(): Promise<void>;
}

/**
 * Starts project-service on a database cloned from the migrated template and a NATS subject prefix of the
 * file's own, the same way main.ts does. Real: PostgreSQL, NATS, the service's module. Faked: nothing.
 */
export async function startProjectServiceHarness(): Promise<ProjectServiceHarness> {
  const db: TestDatabase = await createTestDatabase();
  const prefix = testNatsPrefix();
  const config = parseConfig(ProjectServiceConfig, {
    ...process.env,
    DATABASE_URL: db.url,
    DATABASE_POOL_SIZE: '5',
    NATS_SUBJECT_PREFIX: prefix,
    LOG_LEVEL: 'silent',
    HEALTH_PORT: '0',
  });
  const app: INestApplication = await startProjectService(config);
  const client = new NatsRpcClient({
    url: config.NATS_URL,
    subjectPrefix: prefix,
    timeoutMs: 10_000,
    name: 'int-spec',
  });
  await client.connect();
  const sql = new pg.Client({ connectionString: db.url });
  await sql.connect();
  const provisionerSource = createDataSource({ url: db.url, poolSize: 1, entities: projectEntities });
  await provisionerSource.initialize();
  const provisioner = new TenantProvisioner(new ProjectsStore(provisionerSource));
  let tenants = 0;

  return {
    client,
    sql,
    async listen<T>(subject: string) {
      const nc = await connect({ servers: config.NATS_URL });
      const heard: T[] = [];
      const sub = nc.subscribe(`${prefix}${subject}`, {
        callback: (_error, msg) => {
          heard.push(msg.json<T>());
        },
      });
      // The subscription is on the server before the caller makes the service publish anything.
      await nc.flush();
      return {
        heard,
        close: async () => {
          sub.unsubscribe();
          await nc.close();
        },
      };
    },
    tenant: (name = `tenant-${++tenants}`) => provisioner.provision(name),
    async count(table, where = 'true', params = []) {
      const { rows } = await sql.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${table} WHERE ${where}`,
        params,
      );
      return rows[0]?.n ?? 0;
    },
    async close() {
      await client.close();
      await app.close();
      await sql.end();
      await provisionerSource.destroy();
      await db.drop();
    },
  };
}
