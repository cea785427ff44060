import type { DataSource, EntityManager } from 'typeorm';
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

  transaction<T>(work: (repos: ProjectsRepositories) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(repositoriesFor(manager)));
  }

  /** Readiness: resolves when PostgreSQL answers. */
  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }
}
