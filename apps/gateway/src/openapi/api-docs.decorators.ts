import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiParam, ApiQuery, ApiResponse } from '@nestjs/swagger';
import type { PageQuery } from '@shipyard/contracts';
import { contractSchema, type BodySchemaName } from './contract-schemas';
import { ref } from './schema-ref';

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: per-field `details` (unknown fields, malformed JSON or ids, out-of-range paging)',
  401: 'Missing or unknown API key',
  404: 'No such resource for this tenant',
  409: 'The resource is in a state that forbids this',
  413: 'Body over the size limit',
  429: 'Too many failed API key checks from this address (AUTH_FAILURE_LIMIT); wait for `Retry-After` seconds',
  503: 'A backing service did not answer in time',
};

const REQUEST_ID_HEADER_DOC = {
  'x-request-id': {
    description: 'The request id: yours if you sent a sane one (<= 128 of [A-Za-z0-9._-]), else generated',
    schema: { type: 'string' as const },
  },
};

/** What every API controller shares: the bearer key, and the request id a client may send. */
export function ApiCommon(): ClassDecorator {
  return applyDecorators(
    ApiBearerAuth(),
    ApiHeader({
      name: 'x-request-id',
      required: false,
      description:
        'Your id for this request, echoed in the response and carried into every log line it causes',
    }),
  );
}

/** The request body, by its contract's component name. */
export function ApiContractBody(name: BodySchemaName, options: { required?: boolean } = {}): MethodDecorator {
  return ApiBody({ schema: ref(name), required: options.required ?? true });
}

/** One query parameter per field of the list's contract `Query` class, with the schema validation uses. */
export function ApiContractQuery(contract: new () => PageQuery): MethodDecorator {
  const schema = contractSchema(contract);
  return applyDecorators(
    ...Object.entries(schema.properties ?? {}).map(([name, property]) =>
      ApiQuery({ name, required: false, schema: property }),
    ),
  );
}

export function ApiUuidParam(name: string): MethodDecorator {
  return ApiParam({ name, required: true, schema: { type: 'string', format: 'uuid' } });
}

/** The success answer and the error answers a route can give; errors share the one error body. */
export function ApiAnswers(status: number, schema: string, ...errors: number[]): MethodDecorator {
  return applyDecorators(
    ApiResponse({
      status,
      description: status === 201 ? 'Created' : 'OK',
      schema: ref(schema),
      headers: REQUEST_ID_HEADER_DOC,
    }),
    ...[...new Set([400, 401, 429, 503, ...errors])].map((code) =>
      ApiResponse({
        status: code,
        description: ERROR_DESCRIPTIONS[code] ?? 'Error',
        schema: ref('HttpErrorBody'),
        headers: REQUEST_ID_HEADER_DOC,
      }),
    ),
  );
}
