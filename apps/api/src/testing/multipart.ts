// A multipart/form-data POST over node:http that resolves on the server's answer even when the
// server answers (and closes) before the whole body was sent, as it does for refused uploads.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';

export interface UploadResponse {
  status: number;
  body: Record<string, unknown>;
}

export function postFile(
  url: string,
  file: { name: string; type: string; data: Buffer },
  headers: Record<string, string> = {},
): Promise<UploadResponse> {
  const boundary = `----mdsc${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = http.request(
      url,
      {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': String(head.length + file.data.length + tail.length),
        },
      },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
          });
        });
      },
    );
    req.on('error', (err) => {
      if (!answered) setTimeout(() => !answered && reject(err), 200); // the answer may still arrive
    });
    req.write(head);
    // In chunks, so that an early answer interrupts a large upload midway.
    for (let i = 0; i < file.data.length; i += 256 * 1024) req.write(file.data.subarray(i, i + 256 * 1024));
    req.end(tail);
  });
}

export interface RawAnswer {
  status: number;
  headers: string;
  body: string;
}

/**
 * A request written by hand on a TCP socket, for bodies no well-behaved client sends: a multipart
 * body cut before its closing boundary, or a connection dropped midway (`hangUp`: the socket is
 * destroyed after the last chunk, once `hangUpWhen` resolves, and the promise resolves with null). Otherwise it resolves with
 * the server's answer, read while our side of the socket stays open; it rejects if none comes
 * within `answerWithinMs` (a hanging connection, not a speed limit).
 */
export function rawRequest(
  url: string,
  head: Record<string, string>,
  chunks: Buffer[],
  opts: { hangUp?: boolean; hangUpWhen?: () => Promise<unknown>; answerWithinMs?: number } = {},
): Promise<RawAnswer | null> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(u.port), u.hostname);
    const received: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer from the server within ${opts.answerWithinMs ?? 15_000} ms`));
    }, opts.answerWithinMs ?? 15_000);
    const finish = () => {
      clearTimeout(timer);
      const text = Buffer.concat(received).toString('utf8');
      const m = /^HTTP\/1\.1 (\d{3})/.exec(text);
      if (!m) return reject(new Error(`not an HTTP answer: ${JSON.stringify(text.slice(0, 80))}`));
      const [headers, ...rest] = text.split('\r\n\r\n');
      resolve({ status: Number(m[1]), headers, body: rest.join('\r\n\r\n') });
    };
    socket.on('data', (c: Buffer) => {
      received.push(c);
      const text = Buffer.concat(received).toString('utf8');
      const end = text.indexOf('\r\n\r\n');
      const len = /\r\ncontent-length: (\d+)/i.exec(text.slice(0, end));
      // Complete once the declared body has arrived (the server may keep the socket open).
      if (end >= 0 && len && Buffer.byteLength(text.slice(end + 4)) >= Number(len[1])) {
        socket.destroy();
        finish();
      }
    });
    socket.on('end', () => received.length && finish());
    socket.on('error', (err) => {
      if (opts.hangUp) return;
      if (received.length) finish();
      else {
        clearTimeout(timer);
        reject(err);
      }
    });
    socket.on('connect', () => {
      const lines = [`POST ${u.pathname}${u.search} HTTP/1.1`, `host: ${u.host}`];
      for (const [k, v] of Object.entries(head)) lines.push(`${k}: ${v}`);
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
      for (const c of chunks) socket.write(c);
      if (opts.hangUp) {
        void (opts.hangUpWhen?.() ?? Promise.resolve()).then(() => {
          socket.destroy();
          clearTimeout(timer);
          resolve(null);
        }, reject);
      }
    });
  });
}

/** A multipart body in parts: the file part's head, then the file, then the closing boundary. */
export function multipartParts(file: { name: string; type: string; data: Buffer }) {
  const boundary = `----mdsc${randomBytes(8).toString('hex')}`;
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    head: Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
    ),
    data: file.data,
    tail: Buffer.from(`\r\n--${boundary}--\r\n`),
  };
}
