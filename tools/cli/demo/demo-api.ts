import { randomUUID } from 'node:crypto';
import type { HttpErrorBody } from '@shipyard/contracts';

/** An answer the demo cannot go on with, with what the API said. */
export class DemoApiError extends Error {
  override readonly name = 'DemoApiError';
}

/** The public API as any client sees it: bearer key, JSON, the one error body. */
export class DemoApi {
  constructor(
    readonly baseUrl: string,
    private readonly key: string,
  ) {}

  get<T>(path: string): Promise<T> {
    return this.call<T>('GET', path, undefined, 200);
  }

  /**
   * Creates carry an Idempotency-Key, so a retried POST (the gateway answered 503 while the service
   * committed) returns the first answer instead of creating a second resource.
   */
  post<T>(path: string, body: unknown, expected = 201): Promise<T> {
    return this.call<T>('POST', path, body, expected, { 'idempotency-key': randomUUID() });
  }

  /** Authorization header for callers that open their own connection (the event stream). */
  get authorization(): string {
    return `Bearer ${this.key}`;
  }

  private async call<T>(
    method: string,
    path: string,
    body: unknown,
    expected: number,
    extra: Record<string, string> = {},
  ): Promise<T> {
    const headers: Record<string, string> = { authorization: this.authorization, ...extra };
    if (body !== undefined) headers['content-type'] = 'application/json';
    for (let attempt = 1; ; attempt += 1) {
      const res = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await res.text();
      if (res.status === expected) return JSON.parse(text) as T;
      // 503 is the one answer worth retrying: a service was slow; the idempotency key makes it safe.
      if (res.status === 503 && attempt < 3) continue;
      throw new DemoApiError(`${method} ${path} answered ${res.status}: ${describeError(text)}`);
    }
  }
}

function describeError(text: string): string {
  try {
    const body = JSON.parse(text) as Partial<HttpErrorBody>;
    const details = Array.isArray(body.details)
      ? ` (${body.details.map((d) => `${d.path}: ${d.messages.join('; ')}`).join(', ')})`
      : '';
    return `${body.code ?? 'ERROR'} ${body.message ?? ''}${details}`;
  } catch {
    return text.slice(0, 200);
  }
}
