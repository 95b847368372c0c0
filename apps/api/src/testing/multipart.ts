// A multipart/form-data POST over node:http that resolves on the server's answer even when the
// server answers (and closes) before the whole body was sent, as it does for refused uploads.
import { randomBytes } from 'node:crypto';
import http from 'node:http';

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
