import type { ReferenceObject, SchemaObject } from '@nestjs/swagger';
import {
  AgentRoles,
  AuthorRoles,
  CommentTypes,
  ErrorCodes,
  ProjectStatuses,
  RunStatuses,
  TaskStatuses,
  type CommentView,
  type DeleteProject,
  type FieldError,
  type HttpErrorBody,
  type ProjectView,
  type ReplyView,
  type ResourceView,
  type RunView,
  type TaskView,
  type TaskWithChildrenView,
  type TemplateVersionView,
  type TemplateView,
  type TokenUsage,
} from '@shipyard/contracts';
import { ref } from './schema-ref';

/**
 * Response schemas. The views are TypeScript interfaces (no runtime metadata to generate from), so they are
 * written here once; `satisfies Record<keyof View, ...>` makes the typecheck fail when a view gains or
 * loses a field and this file is not updated with it.
 */
type Schema = SchemaObject | ReferenceObject;
type Properties<T> = Record<keyof T, Schema>;

const uuid: SchemaObject = { type: 'string', format: 'uuid' };
const nullableUuid: SchemaObject = { ...uuid, nullable: true };
const timestamp: SchemaObject = { type: 'string', format: 'date-time', description: 'ISO-8601, UTC' };
const nullableTimestamp: SchemaObject = { ...timestamp, nullable: true };
const text: SchemaObject = { type: 'string' };
const strings: SchemaObject = { type: 'array', items: { type: 'string' } };
const freeObject: SchemaObject = { type: 'object', additionalProperties: true };

const resource: Properties<ResourceView> = { id: uuid, createdAt: timestamp, updatedAt: timestamp };

function object<T>(properties: Properties<T>, optional: (keyof T)[] = []): SchemaObject {
  return {
    type: 'object',
    properties,
    required: Object.keys(properties).filter((key) => !optional.includes(key as keyof T)),
  };
}

function page(item: string): SchemaObject {
  return object<{ items: unknown; total: unknown; skip: unknown; limit: unknown }>({
    items: { type: 'array', items: ref(item) },
    total: { type: 'integer', minimum: 0 },
    skip: { type: 'integer', minimum: 0 },
    limit: { type: 'integer', minimum: 1, maximum: 100 },
  });
}

const templateView = object<TemplateView>({
  ...resource,
  name: text,
  description: text,
  version: { type: 'integer', minimum: 1, description: 'The latest version' },
  config: ref('RunConfig'),
} satisfies Properties<TemplateView>);

const templateVersionView = object<TemplateVersionView>({
  templateId: uuid,
  version: { type: 'integer', minimum: 1 },
  name: text,
  description: text,
  config: ref('RunConfig'),
  createdAt: timestamp,
} satisfies Properties<TemplateVersionView>);

const projectView = object<ProjectView>({
  ...resource,
  name: text,
  requirements: text,
  templateId: nullableUuid,
  templateVersion: { type: 'integer', minimum: 1, nullable: true },
  configPatch: { ...freeObject, description: 'Partial RunConfig merged over the template version' },
  status: { type: 'string', enum: [...ProjectStatuses] },
  activeRunId: nullableUuid,
} satisfies Properties<ProjectView>);

const tokenUsage = object<TokenUsage>({
  promptTokens: { type: 'integer', minimum: 0 },
  completionTokens: { type: 'integer', minimum: 0 },
  totalTokens: { type: 'integer', minimum: 0 },
} satisfies Properties<TokenUsage>);

const runView = object<RunView>({
  ...resource,
  projectId: uuid,
  status: { type: 'string', enum: [...RunStatuses] },
  statusReason: { type: 'string', nullable: true },
  configSnapshot: { allOf: [ref('RunConfig')], description: 'Frozen when the run was created' },
  budget: {
    allOf: [ref('BudgetConfig')],
    description: "The budget in force: the snapshot's, or as changed by a resume with a budget",
  },
  usage: ref('TokenUsage'),
  costUsd: { type: 'number', minimum: 0 },
  finalReport: { ...freeObject, nullable: true },
  startedAt: nullableTimestamp,
  finishedAt: nullableTimestamp,
} satisfies Properties<RunView>);

const taskProperties = {
  ...resource,
  runId: uuid,
  parentTaskId: nullableUuid,
  title: text,
  description: text,
  dependsOn: { type: 'array', items: uuid },
  acceptanceCriteria: strings,
  status: { type: 'string', enum: [...TaskStatuses] },
  assignedRole: { type: 'string', enum: [...AgentRoles], nullable: true },
  assignedAgentId: { type: 'string', nullable: true },
} satisfies Properties<TaskView>;

const taskWithChildrenView = object<TaskWithChildrenView>({
  ...taskProperties,
  children: { type: 'array', items: ref('TaskView') },
} satisfies Properties<TaskWithChildrenView>);

const commentView = object<CommentView>({
  ...resource,
  taskId: nullableUuid,
  runId: uuid,
  commentType: { type: 'string', enum: [...CommentTypes] },
  authorRole: { type: 'string', enum: [...AuthorRoles] },
  agentId: { type: 'string', nullable: true },
  body: text,
  metrics: freeObject,
  blockers: strings,
  nextSteps: strings,
  replyCount: { type: 'integer', minimum: 0 },
} satisfies Properties<CommentView>);

const replyView = object<ReplyView>({
  ...resource,
  commentId: uuid,
  parentReplyId: nullableUuid,
  authorRole: { type: 'string', enum: [...AuthorRoles] },
  agentId: { type: 'string', nullable: true },
  body: text,
} satisfies Properties<ReplyView>);

const deleteProjectReply = object<DeleteProject.Reply>({
  id: uuid,
  deleted: { type: 'boolean', enum: [true] },
} satisfies Properties<DeleteProject.Reply>);

const fieldError = object<FieldError>({ path: text, messages: strings } satisfies Properties<FieldError>);

const httpErrorBody = object<HttpErrorBody>(
  {
    statusCode: { type: 'integer' },
    code: { type: 'string', enum: [...ErrorCodes] },
    message: text,
    details: {
      description: 'Per-field problems for VALIDATION_FAILED; other context for some 4xx codes',
      oneOf: [{ type: 'array', items: ref('FieldError') }, freeObject],
    },
    requestId: { type: 'string', description: 'Also in the x-request-id response header' },
    timestamp,
    path: text,
  } satisfies Properties<HttpErrorBody>,
  ['details'],
);

/** Every response schema the document refers to, by component name. */
export const viewSchemas: Record<string, SchemaObject> = {
  TemplateView: templateView,
  TemplateVersionView: templateVersionView,
  ProjectView: projectView,
  TokenUsage: tokenUsage,
  RunView: runView,
  TaskView: object<TaskView>(taskProperties),
  TaskWithChildrenView: taskWithChildrenView,
  CommentView: commentView,
  ReplyView: replyView,
  DeleteProjectReply: deleteProjectReply,
  FieldError: fieldError,
  HttpErrorBody: httpErrorBody,
  TemplatePage: page('TemplateView'),
  TemplateVersionPage: page('TemplateVersionView'),
  ProjectPage: page('ProjectView'),
  RunPage: page('RunView'),
  TaskPage: page('TaskView'),
  CommentPage: page('CommentView'),
  ReplyPage: page('ReplyView'),
};
