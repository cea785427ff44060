/** What a test sees of a response: status, parsed JSON (or text) and headers. */
export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export interface CallOptions {
  /** API key for `Authorization: Bearer`; null sends no header. Defaults to the client's key. */
  key?: string | null;
  /** A JSON value, or a string sent as it is (for malformed bodies). */
  body?: unknown;
  headers?: Record<string, string>;
}

/** A thin fetch wrapper speaking to the gateway like any API consumer would. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly defaultKey: string | null = null,
  ) {}

  withKey(key: string | null): ApiClient {
    return new ApiClient(this.baseUrl, key);
  }

  async call<T = unknown>(method: string, path: string, options: CallOptions = {}): Promise<ApiResponse<T>> {
    const key = options.key === undefined ? this.defaultKey : options.key;
    const headers: Record<string, string> = { ...(key === null ? {} : { authorization: `Bearer ${key}` }) };
    let body: string | undefined;
    if (options.body !== undefined) {
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { ...headers, ...options.headers },
      body,
    });
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json') && text.length > 0)
      parsed = JSON.parse(text);
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get<T = unknown>(path: string, options?: CallOptions): Promise<ApiResponse<T>> {
    return this.call<T>('GET', path, options);
  }

  post<T = unknown>(path: string, body?: unknown, options?: CallOptions): Promise<ApiResponse<T>> {
    return this.call<T>('POST', path, { ...options, body });
  }

  patch<T = unknown>(path: string, body?: unknown, options?: CallOptions): Promise<ApiResponse<T>> {
    return this.call<T>('PATCH', path, { ...options, body });
  }

  delete<T = unknown>(path: string, options?: CallOptions): Promise<ApiResponse<T>> {
    return this.call<T>('DELETE', path, options);
  }
}
