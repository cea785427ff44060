import type { ResourceView } from '../common';
import type { RunConfig } from '../config';

/** One immutable version of a template. */
export interface TemplateVersionView {
  templateId: string;
  version: number;
  name: string;
  description: string;
  config: RunConfig;
  createdAt: string;
}

/** A template as a whole: its latest version inlined. */
export interface TemplateView extends ResourceView {
  name: string;
  description: string;
  version: number;
  config: RunConfig;
}
