import { randomUUID } from 'node:crypto';
import type { ApiClient, ApiResponse } from '../support/api-client';

const ATTEMPTS = 120;
const PAUSE_MS = 500;

/**
 * Calls the API as a careful client does while services die under it: a refused connection or a 5xx is
 * tried again (for a minute), and a POST carries one `Idempotency-Key` over all its attempts, so a create
 * whose answer was lost is not made twice. Anything else is the answer.
 */
export async function retryingCall<T>(
  api: ApiClient,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = method === 'POST' ? { 'Idempotency-Key': randomUUID() } : {};
  for (let attempt = 1; ; attempt += 1) {
    try {
      const res = await api.call<T>(method, path, { body, headers });
      if (res.status < 500 || attempt >= ATTEMPTS) return res;
    } catch (error) {
      if (attempt >= ATTEMPTS) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
  }
}
