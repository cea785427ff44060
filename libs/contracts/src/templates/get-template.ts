import { ByIdRequest } from '../common';
import type { TemplateView } from './template.view';

export const Subject = 'template.v1.get';
export class Request extends ByIdRequest {}
export type Reply = TemplateView;
