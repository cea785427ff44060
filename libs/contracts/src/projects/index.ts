export * as CreateProject from './create-project';
export * as DeleteProject from './delete-project';
export * as GetProject from './get-project';
export * as ListProjects from './list-projects';
export * as MarkProjectReady from './mark-project-ready';
export * as UpdateProject from './update-project';
export * from './project.view';
