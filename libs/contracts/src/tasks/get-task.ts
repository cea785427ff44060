import { ByIdRequest } from '../common';
import type { TaskWithChildrenView } from './task.view';

export const Subject = 'task.v1.get';
export class Request extends ByIdRequest {}
export type Reply = TaskWithChildrenView;
