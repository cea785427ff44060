import { applyDecorators } from '@nestjs/common';
import {
  ApiHeader,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiResponse,
  type SchemaObject,
} from '@nestjs/swagger';
import { ListRunEvents, RunStatuses, TaskStatuses } from '@shipyard/contracts';
import { ref } from '../openapi/schema-ref';

const ERRORS: Record<number, string> = {
  400: 'Malformed run id, `Last-Event-ID` or `after`',
  401: 'Missing or unknown API key',
  404: 'No such run for this tenant',
  429: 'Too many failed API key checks from this address; wait for `Retry-After` seconds',
  503: 'A backing service did not answer in time, or this gateway holds too many streams',
};

/** The `data:` line of every frame: a RunEventView. Written here because views have no runtime metadata. */
const RUN_EVENT_VIEW: SchemaObject = {
  type: 'object',
  required: ['runId', 'seq', 'data', 'createdAt'],
  properties: {
    runId: { type: 'string', format: 'uuid' },
    seq: {
      type: 'integer',
      minimum: 1,
      description: "Numbers the run's events 1, 2, 3... with no gaps; the frame's `id:`",
    },
    createdAt: { type: 'string', format: 'date-time' },
    data: {
      description: "What happened; `type` is also the frame's `event:`",
      oneOf: [
        {
          type: 'object',
          required: ['type', 'status', 'reason'],
          properties: {
            type: { type: 'string', enum: ['run.status'] },
            status: { type: 'string', enum: [...RunStatuses] },
            reason: { type: 'string' },
          },
        },
        {
          type: 'object',
          required: ['type', 'code', 'message'],
          properties: {
            type: { type: 'string', enum: ['run.warning'] },
            code: { type: 'string' },
            message: { type: 'string' },
          },
        },
        {
          type: 'object',
          required: ['type', 'taskId', 'status', 'reason'],
          properties: {
            type: { type: 'string', enum: ['task.changed'] },
            taskId: { type: 'string', format: 'uuid' },
            status: { type: 'string', enum: [...TaskStatuses] },
            reason: { type: 'string' },
          },
        },
        {
          type: 'object',
          required: ['type', 'taskId', 'commentId', 'commentType', 'authorRole', 'agentId', 'body'],
          properties: {
            type: { type: 'string', enum: ['comment.created'] },
            taskId: { type: 'string', format: 'uuid' },
            commentId: { type: 'string', format: 'uuid' },
            commentType: { type: 'string' },
            authorRole: { type: 'string' },
            agentId: { type: 'string', nullable: true },
            body: { type: 'string' },
          },
        },
        {
          type: 'object',
          required: ['type', 'totalTokens', 'costUsd'],
          properties: {
            type: { type: 'string', enum: ['run.usage'] },
            totalTokens: { type: 'integer' },
            costUsd: { type: 'number' },
          },
        },
      ],
    },
  },
};

const DESCRIPTION = [
  'Server-Sent Events: every status change, task change, comment, usage update and warning of the run, in order.',
  '',
  'Each message is `id: <seq>`, `event: <type>` (run.status, task.changed, comment.created, run.usage, run.warning), ',
  '`data: <RunEventView as JSON>`. A comment line (`: heartbeat`) comes every 15 s when nothing happens. The stream ',
  'ends after the `run.status` event with a terminal status (COMPLETED, FAILED, STOPPED_*).',
  '',
  'Resuming: send `Last-Event-ID: <seq>` (EventSource does on every reconnect) or `?after=<seq>` to get every event ',
  'after that one, exactly once and with no gaps, whichever gateway replica answers. Without either, the stream starts ',
  "with the run's first event.",
].join('\n');

/** OpenAPI for the event stream: its own decorators because the success answer is not JSON. */
export function ApiRunEventStream(): MethodDecorator {
  return applyDecorators(
    ApiOperation({ summary: 'Live events of a run (SSE), with replay', description: DESCRIPTION }),
    ApiProduces('text/event-stream'),
    ApiHeader({
      name: 'Last-Event-ID',
      required: false,
      description: 'The `id:` of the last event you received; the stream continues right after it',
      schema: { type: 'string', pattern: '^[0-9]+$' },
    }),
    ApiQuery({
      name: 'after',
      required: false,
      description: 'Same as Last-Event-ID, for clients that cannot set headers; the header wins',
      schema: { type: 'integer', minimum: 0, maximum: ListRunEvents.MAX_SEQ },
    }),
    ApiResponse({
      status: 200,
      description: 'The event stream. Frame data schema shown below (one RunEventView per `data:` line).',
      content: { 'text/event-stream': { schema: RUN_EVENT_VIEW } },
      headers: { 'x-request-id': { description: 'The request id', schema: { type: 'string' } } },
    }),
    ...[400, 401, 404, 429, 503].map((status) =>
      ApiResponse({
        status,
        description: ERRORS[status] ?? 'Error',
        content: { 'application/json': { schema: ref('HttpErrorBody') } },
      }),
    ),
  );
}
