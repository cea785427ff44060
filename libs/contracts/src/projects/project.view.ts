import type { ResourceView } from '../common';
import type { RunConfigPatch } from '../config';
import type { ProjectStatus } from '../enums';

export interface ProjectView extends ResourceView {
  name: string;
  requirements: string;
  /** Null: the project runs on the platform defaults. */
  templateId: string | null;
  templateVersion: number | null;
  configPatch: RunConfigPatch;
  status: ProjectStatus;
  activeRunId: string | null;
}
