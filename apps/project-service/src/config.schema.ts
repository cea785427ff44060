import { DatabaseServiceConfig } from '@shipyard/shared/config';

/** project-service needs NATS and its database; nothing beyond the shared settings. */
export class ProjectServiceConfig extends DatabaseServiceConfig {}
