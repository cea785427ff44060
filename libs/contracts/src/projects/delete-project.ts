import { ByIdRequest } from '../common';

export const Subject = 'project.v1.delete';

/** Refused while a run of the project is active. Deletes its runs, tasks and comments with it. */
export class Request extends ByIdRequest {}
export interface Reply {
  id: string;
  deleted: true;
}
