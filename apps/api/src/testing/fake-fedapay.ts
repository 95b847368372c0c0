// A local stand-in for FedaPay's HTTP API and webhook signing, started by the tests (node http on
// 127.0.0.1, no network). Shapes as the official Node SDK sends and reads them:
// - POST /v1/transactions {description, amount, currency: {iso}, callback_url, customer,
//   custom_metadata} → 200 {"v1/transaction": {klass: "v1/transaction", id, reference, amount,
//   status: "pending", currency: {iso}, callback_url, custom_metadata}}
// - POST /v1/transactions/<id>/token → {token, url} (url: the hosted checkout page)
// - POST /v1/<mode> {token, phone_number} (mobile-money push, e.g. mtn_open, moov) → {message}
// - GET /v1/transactions/<id> → {"v1/transaction": {...}}
// Every /v1 call needs `Authorization: Bearer <secret key>` (401 otherwise).
// - GET /checkout/<token>: the hosted page, reduced to "the payer approved": the transaction is
//   approved, the signed webhook sent, and the browser redirected to callback_url.
// Webhooks: POST to the configured URL, header X-FEDAPAY-SIGNATURE "t=<unix>,s=<hex HMAC-SHA256 of
// "<t>.<body>" with the webhook secret>", body {id, name: "transaction.<status>", object:
// "transaction", entity: <transaction>}.
import { createHmac, randomBytes, randomInt } from 'node:crypto';
import http from 'node:http';

export interface FakeTransaction {
  klass: 'v1/transaction';
  id: number;
  reference: string;
  amount: number;
  description: string;
  status: string;
  currency: { iso: string };
  callback_url: string;
  custom_metadata: Record<string, unknown>;
  mode: string | null;
}

export interface FakeFedaPay {
  base: string;
  transactions: Map<number, FakeTransaction>;
  requests: { method: string; path: string; body: unknown }[];
  /** Where webhooks go (the API's /api/payments/fedapay/webhook). */
  webhookUrl: string | null;
  setStatus(id: number, status: string): void;
  /** A signed event body and header for the transaction (or forged with `secret`). */
  event(id: number, opts?: { name?: string; eventId?: string | number; secret?: string }): { body: string; signature: string };
  /** Sends it to webhookUrl; resolves with the HTTP status. */
  deliver(delivery: { body: string; signature: string }): Promise<number>;
  close(): Promise<void>;
}

export function signFedaPay(body: string, secret: string, t = Math.floor(Date.now() / 1000)): string {
  return `t=${t},s=${createHmac('sha256', secret).update(`${t}.${body}`, 'utf8').digest('hex')}`;
}

export async function startFakeFedaPay(opts: { secretKey: string; webhookSecret: string }): Promise<FakeFedaPay> {
  const transactions = new Map<number, FakeTransaction>();
  const tokens = new Map<string, number>();
  const requests: FakeFedaPay['requests'] = [];
  // Ids start at random, as FedaPay's are unique across the test files that share one database
  // (a fixed start made two files' transactions collide on orders (provider, provider_reference)).
  let seq = randomInt(1_000, 1_000_000_000);
  let evtSeq = randomInt(1, 1_000_000_000);

  const json = (res: http.ServerResponse, status: number, data: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(data));
  };

  const fake: FakeFedaPay = {
    base: '',
    transactions,
    requests,
    webhookUrl: null,
    setStatus(id, status) {
      const tx = transactions.get(id);
      if (!tx) throw new Error(`fake FedaPay: no transaction ${id}`);
      tx.status = status;
    },
    event(id, o = {}) {
      const tx = transactions.get(id);
      if (!tx) throw new Error(`fake FedaPay: no transaction ${id}`);
      const body = JSON.stringify({ id: o.eventId ?? evtSeq++, name: o.name ?? `transaction.${tx.status}`, object: 'transaction', entity: tx });
      return { body, signature: signFedaPay(body, o.secret ?? opts.webhookSecret) };
    },
    async deliver(d) {
      if (!fake.webhookUrl) throw new Error('fake FedaPay: webhookUrl not set');
      const res = await fetch(fake.webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-fedapay-signature': d.signature },
        body: d.body,
      });
      await res.arrayBuffer();
      return res.status;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://fake');
        const raw = Buffer.concat(chunks).toString('utf8');
        const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
        requests.push({ method: req.method ?? '', path: url.pathname, body });
        const checkout = /^\/checkout\/([a-z0-9]+)$/.exec(url.pathname);
        if (checkout && req.method === 'GET') {
          const id = tokens.get(checkout[1]!);
          const tx = id ? transactions.get(id) : undefined;
          if (!tx) return json(res, 404, { message: 'Unknown token' });
          tx.status = 'approved';
          if (fake.webhookUrl) await fake.deliver(fake.event(tx.id));
          res.writeHead(302, { location: `${tx.callback_url}?id=${tx.id}&status=approved` });
          return res.end();
        }
        if (req.headers.authorization !== `Bearer ${opts.secretKey}`) return json(res, 401, { message: 'Unauthenticated' });
        if (req.method === 'POST' && url.pathname === '/v1/transactions') {
          const id = ++seq;
          const tx: FakeTransaction = {
            klass: 'v1/transaction',
            id,
            reference: `trx_${randomBytes(4).toString('hex')}`,
            amount: Number(body.amount),
            description: String(body.description ?? ''),
            status: 'pending',
            currency: { iso: String((body.currency as { iso?: string } | undefined)?.iso ?? 'XOF') },
            callback_url: String(body.callback_url ?? ''),
            custom_metadata: (body.custom_metadata as Record<string, unknown>) ?? {},
            mode: null,
          };
          transactions.set(id, tx);
          return json(res, 200, { 'v1/transaction': tx });
        }
        const token = /^\/v1\/transactions\/(\d+)\/token$/.exec(url.pathname);
        if (token && req.method === 'POST') {
          const tx = transactions.get(Number(token[1]));
          if (!tx) return json(res, 404, { message: 'Not found' });
          const t = randomBytes(12).toString('hex');
          tokens.set(t, tx.id);
          return json(res, 200, { token: t, url: `${fake.base}/checkout/${t}` });
        }
        const one = /^\/v1\/transactions\/(\d+)$/.exec(url.pathname);
        if (one && req.method === 'GET') {
          const tx = transactions.get(Number(one[1]));
          return tx ? json(res, 200, { 'v1/transaction': tx }) : json(res, 404, { message: 'Not found' });
        }
        const push = /^\/v1\/(mtn_open|moov|mtn|moov_tg|togocel)$/.exec(url.pathname);
        if (push && req.method === 'POST') {
          const id = tokens.get(String(body.token));
          const tx = id ? transactions.get(id) : undefined;
          if (!tx) return json(res, 404, { message: 'Unknown token' });
          tx.mode = push[1]!;
          return json(res, 200, { message: 'Transaction sent', reference: tx.reference });
        }
        return json(res, 404, { message: 'Not found' });
      })().catch((err: unknown) => json(res, 500, { message: String(err) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return fake;
}
