export * as CreateTask from './create-task';
export * as GetTask from './get-task';
export * as ListTasks from './list-tasks';
export * as UpdateTask from './update-task';
export * from './task.view';
