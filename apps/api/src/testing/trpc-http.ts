// Calls tRPC procedures over real HTTP the way a browser or an API client would, without the
// tRPC client: plain JSON, explicit Origin, cookie and Authorization headers.

export interface CallOptions {
  /** Value of the mdsc_session cookie to send. */
  cookie?: string | null;
  /** Origin header; `null` sends none. Default: the web app's origin. */
  origin?: string | null;
  bearer?: string | null;
}

export interface CallResult<T = any> {
  status: number;
  data: T;
  error: { message: string; code: string; field: string | null; retryAfterSeconds: number | null } | null;
  headers: Headers;
  /** The mdsc_session cookie set by the response: a value, '' when cleared, undefined when untouched. */
  sessionCookie: string | undefined;
  setCookie: string[];
}

export function trpcHttp(base: string, defaultOrigin: string) {
  async function call<T>(method: 'GET' | 'POST', path: string, input: unknown, opts: CallOptions): Promise<CallResult<T>> {
    const headers: Record<string, string> = {};
    const origin = opts.origin === undefined ? defaultOrigin : opts.origin;
    if (origin) headers.origin = origin;
    if (opts.cookie) headers.cookie = `mdsc_session=${opts.cookie}`;
    if (opts.bearer) headers.authorization = `Bearer ${opts.bearer}`;
    let url = `${base}/trpc/${path}`;
    let body: string | undefined;
    if (method === 'GET') {
      if (input !== undefined) url += `?input=${encodeURIComponent(JSON.stringify(input))}`;
    } else {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(input ?? null);
    }
    const res = await fetch(url, { method, headers, body });
    const json = (await res.json()) as {
      result?: { data: T };
      error?: { message: string; data: { code: string; field: string | null; retryAfterSeconds: number | null } };
    };
    const setCookie = res.headers.getSetCookie();
    const session = setCookie.find((c) => c.startsWith('mdsc_session='));
    return {
      status: res.status,
      data: json.result?.data as T,
      error: json.error
        ? {
            message: json.error.message,
            code: json.error.data.code,
            field: json.error.data.field,
            retryAfterSeconds: json.error.data.retryAfterSeconds,
          }
        : null,
      headers: res.headers,
      sessionCookie: session === undefined ? undefined : decodeURIComponent(session.split(';')[0].slice('mdsc_session='.length)),
      setCookie,
    };
  }
  return {
    query: <T = any>(path: string, input?: unknown, opts: CallOptions = {}) => call<T>('GET', path, input, opts),
    mutation: <T = any>(path: string, input?: unknown, opts: CallOptions = {}) => call<T>('POST', path, input, opts),
  };
}
