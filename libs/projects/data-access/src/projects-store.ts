import type { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '@shipyard/contracts';
import { isForeignKeyViolation, isTransientConflict } from '@shipyard/shared/persistence';
import { ApiKeyRepository } from './repositories/api-key.repository';
import { CommentRepository } from './repositories/comment.repository';
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
}

function repositoriesFor(db: EntityManager): ProjectsRepositories {
  return {
    apiKeys: new ApiKeyRepository(db),
    templates: new TemplateRepository(db),
    projects: new ProjectRepository(db),
    runs: new RunRepository(db),
    tasks: new TaskRepository(db),
    comments: new CommentRepository(db),
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
