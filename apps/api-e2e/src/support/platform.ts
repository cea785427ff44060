import { join } from 'node:path';
import { freePort } from '@shipyard/shared/test-utils';
import { createTestDatabase, pollUntil, testNatsPrefix, type TestDatabase } from '@shipyard/shared/testing';
import { ApiClient } from './api-client';
import { privateDist, type PrivateDist } from './private-dist';
import { ServiceProcess } from './service-process';
import { createTenantKey } from './tenant-cli';

const READY_TIMEOUT_MS = 45_000;

export interface PlatformOptions {
  /** GATEWAY_REQUEST_TIMEOUT_MS: how long the gateway waits for project-service before answering 503. */
  requestTimeoutMs?: number;
  /** BODY_LIMIT_BYTES of the gateway. */
  bodyLimitBytes?: number;
}

/**
 * The real gateway and project-service as processes, as a user would run them: built code from dist/
 * (a private copy), a database of this spec file's own cloned from the migrated template, a NATS subject
 * prefix of its own, and a free port. One per spec file: the machine has two cores.
 */
export class Platform {
  private constructor(
    readonly api: ApiClient,
    readonly projectService: ServiceProcess,
    readonly gateway: ServiceProcess,
    private readonly database: TestDatabase,
    private readonly dist: PrivateDist,
  ) {}

  static async start(options: PlatformOptions = {}): Promise<Platform> {
    const [database, dist, port] = await Promise.all([createTestDatabase(), privateDist(), freePort()]);
    const shared = {
      NATS_URL: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
      NATS_SUBJECT_PREFIX: testNatsPrefix(),
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
    };
    const projectService = new ServiceProcess(
      'project-service',
      join(dist.dir, 'apps/project-service/src/main.js'),
      {
        ...shared,
        DATABASE_URL: database.url,
        DATABASE_POOL_SIZE: '4',
      },
    );
    const gateway = new ServiceProcess('gateway', join(dist.dir, 'apps/gateway/src/main.js'), {
      ...shared,
      GATEWAY_PORT: String(port),
      GATEWAY_REQUEST_TIMEOUT_MS: String(options.requestTimeoutMs ?? 5_000),
      ...(options.bodyLimitBytes ? { BODY_LIMIT_BYTES: String(options.bodyLimitBytes) } : {}),
    });
    const platform = new Platform(
      new ApiClient(`http://127.0.0.1:${port}`),
      projectService,
      gateway,
      database,
      dist,
    );
    projectService.start();
    gateway.start();
    try {
      await platform.waitUntilReady();
    } catch (error) {
      await platform.close();
      throw error;
    }
    return platform;
  }

  /** Until the gateway's /health/ready says 200: NATS works and project-service answers with its database. */
  async waitUntilReady(): Promise<void> {
    try {
      await pollUntil(
        async () => {
          for (const service of [this.projectService, this.gateway]) {
            if (service.exitCode !== null)
              throw new Error(`${service.name} exited with code ${service.exitCode}`);
          }
          return (await this.api.get('/health/ready')).status === 200;
        },
        { timeoutMs: READY_TIMEOUT_MS, intervalMs: 100 },
      );
    } catch (error) {
      throw new Error(
        `platform not ready: ${String(error)}\n--- project-service ---\n${this.projectService.recentOutput}\n--- gateway ---\n${this.gateway.recentOutput}`,
      );
    }
  }

  /** A new tenant and its first API key, through the same CLI an operator uses (`npm run tenant:create`). */
  createTenant(name: string): Promise<string> {
    return createTenantKey(this.dist.dir, this.database.url, name);
  }

  /** An API client that authenticates as a new tenant. */
  async clientForNewTenant(name: string): Promise<ApiClient> {
    return this.api.withKey(await this.createTenant(name));
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.gateway.stop(), this.projectService.stop()]);
    await Promise.allSettled([this.database.drop(), this.dist.remove()]);
  }
}
