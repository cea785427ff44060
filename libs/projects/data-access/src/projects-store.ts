import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '@shipyard/contracts';
import { isForeignKeyViolation, isTransientConflict } from '@shipyard/shared/persistence';
import { ApiKeyRepository } from './repositories/api-key.repository';
import { CommentRepository } from './repositories/comment.repository';
import { IdempotencyRepository } from './repositories/idempotency.repository';
import { ProjectRepository } from './repositories/project.repository';
import { RunRepository } from './repositories/run.repository';
import { TaskRepository } from './repositories/task.repository';
import { TemplateRepository } from './repositories/template.repository';

/** The repositories of project-service, all bound to one connection or transaction. */
export interface ProjectsRepositories {
  apiKeys: ApiKeyRepository;
  templates: TemplateRepository;
  projects: ProjectRepository;
  runs: RunRepository;
  tasks: TaskRepository;
  comments: CommentRepository;
  /** The connection or transaction these repositories share. */
  manager: EntityManager;
}

function repositoriesFor(db: EntityManager): ProjectsRepositories {
  return {
    apiKeys: new ApiKeyRepository(db),
    templates: new TemplateRepository(db),
    projects: new ProjectRepository(db),
    runs: new RunRepository(db),
    tasks: new TaskRepository(db),
    comments: new CommentRepository(db),
    manager: db,
  };
}

/**
 * Entry point to the project tables. Reads go through `read`; anything that writes goes through
 * `transaction`, so a request that fails half way writes nothing.
 */
export class ProjectsStore {
  readonly read: ProjectsRepositories;

  constructor(private readonly dataSource: DataSource) {
    this.read = repositoriesFor(dataSource.manager);
  }

  async transaction<T>(work: (repos: ProjectsRepositories) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction((manager) => work(repositoriesFor(manager)));
    } catch (error) {
      throw asConflict(error);
    }
  }

  /**
   * A create that a client may retry: with an idempotency key, the first call does `work` and remembers its
   * answer in the same transaction; a retry with the same key and the same request gets that answer back
   * without writing anything; the same key with a different request is refused (409 CONFLICT).
   * Without a key it is a plain transaction.
   */
  async idempotentTransaction<T>(
    request: { tenantId: string; idempotencyKey?: string },
    operation: string,
    work: (repos: ProjectsRepositories) => Promise<T>,
  ): Promise<T> {
    const { idempotencyKey: key, ...rest } = request;
    if (!key) return this.transaction(work);
    const fingerprint = fingerprintOf(rest);
    return this.transaction(async (repos) => {
      const keys = new IdempotencyRepository(repos.manager);
      const outcome = await keys.claim({ tenantId: request.tenantId, key, operation, fingerprint });
      if (outcome.kind === 'replay') {
        if (outcome.operation !== operation || outcome.fingerprint !== fingerprint) {
          throw new DomainError('CONFLICT', 'This Idempotency-Key was already used for a different request', {
            idempotencyKey: key,
          });
        }
        return outcome.reply as T;
      }
      const reply = await work(repos);
      await keys.complete(request.tenantId, key, reply);
      return reply;
    });
  }

  /** Forgets idempotency keys past their time to live. */
  deleteExpiredIdempotencyKeys(): Promise<number> {
    return new IdempotencyRepository(this.dataSource.manager).deleteExpired();
  }

  /** Readiness: resolves when PostgreSQL answers. */
  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }
}

/**
 * Races the checks inside a transaction cannot see: a row it refers to was deleted by a concurrent request
 * (the FK catches it at write time), or PostgreSQL broke a deadlock. Both are worth one more try, which then
 * sees the settled state (e.g. answers PROJECT_NOT_FOUND); an INTERNAL would hide that.
 */
function asConflict(error: unknown): unknown {
  if (isForeignKeyViolation(error)) {
    return new DomainError(
      'CONFLICT',
      'Something this request refers to changed meanwhile; try again',
      undefined,
      true,
    );
  }
  if (isTransientConflict(error)) {
    return new DomainError(
      'CONFLICT',
      'The request collided with a concurrent one; try again',
      undefined,
      true,
    );
  }
  return error;
}

/** Same request, same fingerprint: keys sorted at every level, so property order does not matter. */
function fingerprintOf(request: object): string {
  return createHash('sha256').update(stableJson(request)).digest('hex');
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
