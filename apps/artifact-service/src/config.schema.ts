import { IsString, Length } from 'class-validator';
import { BaseServiceConfig } from '@shipyard/shared/config';

/** The artifact service's environment: where the run workspaces live, on top of what every service reads. */
export class ArtifactServiceConfig extends BaseServiceConfig {
  /**
   * Directory holding one bare git repository per run (`<tenant>/<run>.git`); relative paths are taken
   * from the working directory. Replicas must share it (a volume), since any replica may serve any run.
   */
  @IsString()
  @Length(1, 1000)
  ARTIFACT_ROOT = 'tmp/artifacts';
}
