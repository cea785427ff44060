import type { SchemaObject } from '@nestjs/swagger';
import { targetConstructorToSchema } from 'class-validator-jsonschema';
import {
  BudgetConfig,
  BudgetPatch,
  ChangeRunStatus,
  CreateComment,
  CreateProject,
  CreateReply,
  CreateRun,
  CreateTask,
  CreateTemplate,
  CreateTemplateVersion,
  ReviewConfig,
  RoleModelConfig,
  RoleModels,
  RunConfig,
  SecurityConfig,
  UpdateProject,
  UpdateTask,
} from '@shipyard/contracts';
import { SCHEMA_PREFIX } from './schema-ref';

/**
 * Request schemas come from the very classes `validateContract` checks requests against, so the document
 * cannot drift from what the gateway accepts. Contract classes share short names (`Body`, `Query`) inside
 * their namespaces, hence the explicit component names here.
 */
export const bodyContracts = {
  CreateTemplateBody: CreateTemplate.Body,
  CreateTemplateVersionBody: CreateTemplateVersion.Body,
  CreateProjectBody: CreateProject.Body,
  UpdateProjectBody: UpdateProject.Body,
  CreateRunBody: CreateRun.Body,
  ChangeRunStatusBody: ChangeRunStatus.Body,
  CreateTaskBody: CreateTask.Body,
  UpdateTaskBody: UpdateTask.Body,
  CreateCommentBody: CreateComment.Body,
  CreateReplyBody: CreateReply.Body,
} as const;

export type BodySchemaName = keyof typeof bodyContracts;

/** The full config tree, referenced by views and described for the partial patches bodies carry. */
const configContracts = {
  RunConfig,
  RoleModels,
  RoleModelConfig,
  BudgetConfig,
  BudgetPatch,
  ReviewConfig,
  SecurityConfig,
};

/** Fields that take a partial RunConfig: validated as a whole by the owning service, described here. */
const PATCH_FIELDS = new Set(['config', 'configPatch']);

export function contractSchema(contract: new () => object): SchemaObject {
  const schema = targetConstructorToSchema(contract, { refPointerPrefix: SCHEMA_PREFIX }) as SchemaObject;
  // OpenAPI 3.0 ignores siblings of `$ref`; the generator adds `type: object` next to nested refs. Drop it.
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    if ('$ref' in property && schema.properties) schema.properties[name] = { $ref: property.$ref };
  }
  return schema;
}

export function contractSchemas(): Record<string, SchemaObject> {
  const schemas: Record<string, SchemaObject> = {};
  for (const [name, contract] of Object.entries(configContracts)) schemas[name] = contractSchema(contract);
  for (const [name, contract] of Object.entries(bodyContracts)) {
    const schema = contractSchema(contract);
    for (const field of Object.keys(schema.properties ?? {})) {
      if (PATCH_FIELDS.has(field) && schema.properties) {
        schema.properties[field] = {
          type: 'object',
          description:
            'A partial RunConfig (see the RunConfig schema): any subset of its fields, merged field by field over the config it patches.',
        };
      }
    }
    // validateContract refuses unknown fields; say so.
    schemas[name] = { ...schema, additionalProperties: false };
  }
  return schemas;
}
