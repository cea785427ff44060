import { Logger, Module, type OnApplicationShutdown, type Type } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import type { DataSource } from 'typeorm';
import type { ProjectServiceConfig } from './config.schema';
import { ProjectsStore } from '@shipyard/projects/data-access';
import { READINESS_CHECKS, type ReadinessCheck } from '@shipyard/shared/messaging';
import { ApiKeyService } from './auth/api-key.service';
import { AuthHandler } from './auth/auth.handler';
import { CommentService } from './comments/comment.service';
import { CommentsHandler } from './comments/comments.handler';
import { RunEventsModule } from './events/run-events.module';
import { IdempotencyKeySweeper } from './idempotency/idempotency-key.sweeper';
import { ProjectService } from './projects/project.service';
import { ProjectsHandler } from './projects/projects.handler';
import { NatsRunControlPublisher } from './runs/nats-run-control.publisher';
import { RUN_CONTROL_PUBLISHER } from './runs/run-control.publisher';
import { RunService } from './runs/run.service';
import { RunsHandler } from './runs/runs.handler';
import { TaskService } from './tasks/task.service';
import { TasksHandler } from './tasks/tasks.handler';
import { TemplateService } from './templates/template.service';
import { TemplatesHandler } from './templates/templates.handler';

/**
 * The module around an initialized, schema-checked DataSource (main.ts and the int-specs make one). Built
 * by a function because the DataSource exists before Nest does: the service checks the schema first and
 * refuses to start on a stale one. The module closes the DataSource and the NATS connection it is given
 * when the application shuts down.
 */
export function createProjectServiceModule(
  dataSource: DataSource,
  config: ProjectServiceConfig,
  nats: NatsConnection,
): Type<unknown> {
  const store = new ProjectsStore(dataSource);
  const readiness: ReadinessCheck[] = [
    { name: 'database', check: () => withDeadline(store.ping(), READINESS_DEADLINE_MS) },
  ];

  class DataSourceCloser implements OnApplicationShutdown {
    async onApplicationShutdown(): Promise<void> {
      if (dataSource.isInitialized) await dataSource.destroy();
      if (!nats.isClosed()) await nats.close();
    }
  }
  // A new run, pause, resume and stop wake an orchestrator at once; it also polls, as this publish is
  // at-most-once.
  const controlPublisher = new NatsRunControlPublisher(nats, config.NATS_SUBJECT_PREFIX, (error) =>
    controlLogger.warn(`run control notification not sent: ${String(error)}`),
  );

  @Module({
    imports: [RunEventsModule.register(dataSource, config, nats)],
    controllers: [TemplatesHandler, ProjectsHandler, RunsHandler, TasksHandler, CommentsHandler, AuthHandler],
    providers: [
      { provide: ProjectsStore, useValue: store },
      { provide: READINESS_CHECKS, useValue: readiness },
      DataSourceCloser,
      { provide: RUN_CONTROL_PUBLISHER, useValue: controlPublisher },
      IdempotencyKeySweeper,
      TemplateService,
      ProjectService,
      RunService,
      TaskService,
      CommentService,
      ApiKeyService,
    ],
  })
  class ProjectServiceModule {}
  return ProjectServiceModule;
}

const controlLogger = new Logger('RunControlPublisher');

/** A probe must answer before its caller gives up; a database that takes longer counts as down. */
const READINESS_DEADLINE_MS = 2000;

function withDeadline(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
