import { IsString, MaxLength, registerDecorator, type ValidationOptions } from 'class-validator';
import { workspacePathProblem } from './workspace-path';

/** A file's content may be this large (characters); NATS' 1 MiB payload bounds a whole request anyway. */
export const MAX_FILE_CHARS = 512 * 1024;

/** Validates a workspace path with the one rule (workspacePathProblem) and reports its reason. */
export function IsWorkspacePath(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isWorkspacePath',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && workspacePathProblem(value) === null,
        defaultMessage: (args) =>
          typeof args?.value === 'string'
            ? `${args.property} ${workspacePathProblem(args.value) ?? 'is invalid'}`
            : `${args?.property ?? 'path'} must be a string`,
      },
    });
  };
}

/** One file a job produced, as written into the run's workspace. */
export class WorkspaceFile {
  @IsWorkspacePath()
  path!: string;

  @IsString()
  @MaxLength(MAX_FILE_CHARS)
  content!: string;
}
