import { ByIdRequest } from '../common';
import type { RunView } from './run.view';

export const Subject = 'run.v1.get';
export class Request extends ByIdRequest {}
export type Reply = RunView;
