import { ByIdRequest } from '../common';
import type { ProjectView } from './project.view';

export const Subject = 'project.v1.ready';

/** DRAFT to READY, once the requirements are written and the merged config is complete and valid. */
export class Request extends ByIdRequest {}
export type Reply = ProjectView;
