import { Module, type Type } from '@nestjs/common';
import type { ArtifactServiceConfig } from './config.schema';
import { ArtifactsHandler } from './artifacts.handler';
import { GitWorkspaces } from './workspace/git-workspaces';

/**
 * The artifact service: one git workspace per run under ARTIFACT_ROOT, written and read over NATS. Built
 * by a function because bootstrapService takes a module class and the workspaces need the parsed config.
 */
export function createArtifactModule(config: ArtifactServiceConfig): Type<unknown> {
  @Module({
    controllers: [ArtifactsHandler],
    providers: [{ provide: GitWorkspaces, useValue: new GitWorkspaces(config.ARTIFACT_ROOT) }],
  })
  class ArtifactModule {}
  return ArtifactModule;
}
