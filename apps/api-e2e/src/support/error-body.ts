import type { ErrorCode, HttpErrorBody } from '@shipyard/contracts';
import type { ApiResponse } from './api-client';

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/**
 * Every error answer, whatever produced it, must be the one HttpErrorBody: this checks all of its fields,
 * the header echo of the request id, and that nothing internal (stacks, file paths) leaked.
 */
export function expectErrorBody(
  res: ApiResponse,
  status: number,
  code: ErrorCode,
  path?: string,
): HttpErrorBody {
  const body = res.body as HttpErrorBody;
  expect({ status: res.status, code: body.code }).toEqual({ status, code });
  expect(body.statusCode).toBe(status);
  expect(typeof body.message).toBe('string');
  expect(body.requestId).toBe(res.headers.get('x-request-id'));
  expect(body.timestamp).toMatch(ISO_UTC);
  if (path !== undefined) expect(body.path).toBe(path);
  expect(Object.keys(body).sort()).toEqual(
    [
      'statusCode',
      'code',
      'message',
      'requestId',
      'timestamp',
      'path',
      ...(body.details === undefined ? [] : ['details']),
    ].sort(),
  );
  // Stack frames ("\n    at fn (file.js:1:2)"), source paths and dependency paths must never leave the gateway.
  expect(JSON.stringify(body)).not.toMatch(/\\n\s+at |node_modules|\.(?:ts|js|mjs|cjs):\d+/);
  return body;
}

/** The per-field paths of a VALIDATION_FAILED body, for asserting which fields were named. */
export function fieldPaths(body: HttpErrorBody): string[] {
  return Array.isArray(body.details) ? body.details.map((detail) => detail.path) : [];
}
