import { context as otelContext, propagation, ROOT_CONTEXT, type Context } from '@opentelemetry/api';
import { headers as natsHeaders, type MsgHdrs } from '@nats-io/transport-node';
import { DomainError, REQUEST_ID_HEADER } from '@shipyard/contracts';
import { currentContext } from '@shipyard/shared/observability';

/** Headers we own; everything else a caller passes is carried through unchanged. */
const RESERVED = new Set(['nats-msg-id', 'nats-expected-stream', 'nats-expected-last-msg-id']);
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,128}$/;

export interface OutgoingHeaderOptions {
  /** Defaults to the request id of the current context, so a job carries the request that caused it. */
  requestId?: string;
  /** Extra headers (e.g. `traceparent` from a caller that manages trace context itself). */
  headers?: Record<string, string>;
}

/**
 * Builds a message's headers: the request id, the active OpenTelemetry trace context (W3C `traceparent`,
 * when an SDK has registered a propagator), and the caller's own headers. Header names and values are
 * checked because a newline in a value would corrupt the NATS protocol line.
 */
export function buildOutgoingHeaders(options: OutgoingHeaderOptions = {}): MsgHdrs {
  const out = natsHeaders();
  const carrier: Record<string, string> = {};
  propagation.inject(otelContext.active(), carrier);
  const requestId = options.requestId ?? currentContext().requestId;
  const all: Record<string, string> = {
    ...carrier,
    ...(requestId ? { [REQUEST_ID_HEADER]: requestId } : {}),
    ...options.headers,
  };
  for (const [name, value] of Object.entries(all)) {
    if (
      !HEADER_NAME.test(name) ||
      RESERVED.has(name.toLowerCase()) ||
      /[\r\n]/.test(value) ||
      value.length > 4096
    ) {
      throw new DomainError('VALIDATION_FAILED', 'Invalid message header', [
        {
          path: `headers.${name}`,
          messages: ['header names must be tokens (not Nats-*), values single-line and <= 4096 chars'],
        },
      ]);
    }
    out.set(name, value);
  }
  return out;
}

/** The incoming message's headers as a plain object (first value of each), for logs and dead letters. */
export function headersToRecord(hdrs: MsgHdrs | undefined): Record<string, string> {
  const record: Record<string, string> = {};
  if (!hdrs) return record;
  for (const key of hdrs.keys()) record[key] = hdrs.get(key);
  return record;
}

/** The trace context a publisher injected, so the handler's spans join the publisher's trace. */
export function extractTraceContext(record: Record<string, string>): Context {
  return propagation.extract(ROOT_CONTEXT, record);
}
