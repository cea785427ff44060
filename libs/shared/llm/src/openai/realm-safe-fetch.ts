/**
 * `fetch` whose failures are always `Error`s of this realm. The `openai` client recognises its own
 * timeout by an abort error it can cast to `Error`; when `fetch` comes from another JS realm (Jest's VM
 * modules, some sandboxes) its `DOMException` fails that cast, the name is lost, and a timeout is
 * reported as a plain connection error. Re-wrapping keeps name and cause so timeouts stay timeouts.
 */
export const realmSafeFetch: typeof fetch = async (input, init) => {
  try {
    return await fetch(input, init);
  } catch (error) {
    if (error instanceof Error || typeof error !== 'object' || error === null) throw error;
    const { name, message } = error as { name?: unknown; message?: unknown };
    const wrapped = new Error(typeof message === 'string' ? message : 'fetch failed', { cause: error });
    if (typeof name === 'string') wrapped.name = name;
    throw wrapped;
  }
};
