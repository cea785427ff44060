import { Module } from '@nestjs/common';

/**
 * The artifact service: run workspaces (git) and artifact storage arrive with issue 3. Until then the
 * service starts, answers health and stops cleanly.
 */
@Module({})
export class ArtifactModule {}
