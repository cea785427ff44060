import { BaseServiceConfig } from '@shipyard/shared/config';

/**
 * The artifact service's environment. Workspace and storage settings join when it manages git workspaces
 * and artifacts (issue 3); today it needs only NATS, logging and the health port.
 */
export class ArtifactServiceConfig extends BaseServiceConfig {}
