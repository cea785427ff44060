import { ByIdRequest } from '../common';
import type { ProjectView } from './project.view';

export const Subject = 'project.v1.get';
export class Request extends ByIdRequest {}
export type Reply = ProjectView;
