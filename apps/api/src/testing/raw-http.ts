// HTTP requests with full control over what goes on the wire (a raw body, a batch URL) and over
// the client's source address: any 127.x.y.z connects over loopback on Linux, so one test can play
// several clients behind different IPs without trusting X-Forwarded-For.
import http from 'node:http';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The parsed JSON body (tRPC answers JSON; a batch answers an array). */
  json: any;
}

export interface RawRequest {
  method?: 'GET' | 'POST';
  /** Path and query, e.g. `/trpc/auth.login?batch=1`. */
  path: string;
  /** Sent as is (a string) or as JSON. */
  body?: string | unknown;
  headers?: Record<string, string>;
  /** The client's source address, e.g. 127.0.0.2. */
  from?: string;
}

export function rawHttp(base: string) {
  const { hostname, port } = new URL(base);
  return (req: RawRequest): Promise<RawResponse> =>
    new Promise((resolve, reject) => {
      const body = req.body === undefined ? undefined : typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
      const r = http.request(
        {
          host: hostname,
          port,
          method: req.method ?? (body === undefined ? 'GET' : 'POST'),
          path: req.path,
          localAddress: req.from,
          headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...req.headers },
          agent: false,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let json: unknown = null;
            try {
              json = text ? JSON.parse(text) : null;
            } catch {
              json = text;
            }
            resolve({ status: res.statusCode ?? 0, headers: res.headers, json });
          });
        },
      );
      r.on('error', reject);
      if (body !== undefined) r.write(body);
      r.end();
    });
}
