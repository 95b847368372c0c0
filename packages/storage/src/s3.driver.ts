import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
  type CompletedPart,
} from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
import {
  assertValidKey,
  StorageNotFoundError,
  StorageRangeError,
  type GetResult,
  type PutOptions,
  type PutResult,
  type StatResult,
  type Storage,
} from './types';

export interface S3StorageOptions {
  driver: 's3' | 'minio';
  bucket: string;
  region: string;
  /** Custom endpoint (MinIO, s3rver, other S3-compatible services); AWS when absent. */
  endpoint?: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Path-style URLs (`endpoint/bucket/key`); MinIO and most self-hosted servers need them. */
  forcePathStyle?: boolean;
  /** Multipart part size; S3 requires at least 5 MiB for every part but the last. */
  partSize?: number;
}

const DEFAULT_PART_SIZE = 8 * 1024 * 1024;

function httpStatus(err: unknown): number | undefined {
  return (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}

export function createS3Client(o: S3StorageOptions): S3Client {
  return new S3Client({
    region: o.region,
    endpoint: o.endpoint,
    forcePathStyle: o.forcePathStyle ?? o.driver === 'minio',
    credentials: { accessKeyId: o.accessKeyId, secretAccessKey: o.secretAccessKey },
  });
}

/** Creates the bucket when it does not exist (MinIO in docker-compose starts empty). */
export async function ensureBucket(o: S3StorageOptions): Promise<void> {
  const client = createS3Client(o);
  try {
    await client.send(new HeadBucketCommand({ Bucket: o.bucket }));
  } catch (err) {
    if (httpStatus(err) !== 404) throw err;
    await client.send(new CreateBucketCommand({ Bucket: o.bucket }));
  } finally {
    client.destroy();
  }
}

export function createS3Storage(o: S3StorageOptions): Storage & { close(): void } {
  const client = createS3Client(o);
  const Bucket = o.bucket;
  const partSize = Math.max(o.partSize ?? DEFAULT_PART_SIZE, 5 * 1024 * 1024);

  /** Streams in parts of `partSize`: memory stays at one part whatever the file size. */
  async function putStream(key: string, body: Readable, contentType?: string): Promise<PutResult> {
    let chunks: Buffer[] = [];
    let buffered = 0;
    let total = 0;
    let uploadId: string | undefined;
    const parts: CompletedPart[] = [];

    const flush = async () => {
      const data = Buffer.concat(chunks, buffered);
      chunks = [];
      buffered = 0;
      if (!uploadId) {
        const created = await client.send(
          new CreateMultipartUploadCommand({ Bucket, Key: key, ContentType: contentType }),
        );
        uploadId = created.UploadId!;
      }
      const PartNumber = parts.length + 1;
      const res = await client.send(
        new UploadPartCommand({
          Bucket,
          Key: key,
          UploadId: uploadId,
          PartNumber,
          Body: data,
          ContentLength: data.length,
        }),
      );
      parts.push({ ETag: res.ETag, PartNumber });
    };

    try {
      for await (const chunk of body) {
        const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
        chunks.push(buf);
        buffered += buf.length;
        total += buf.length;
        if (buffered >= partSize) await flush();
      }
      if (!uploadId) {
        // Small object: a single PUT.
        const data = Buffer.concat(chunks, buffered);
        await client.send(
          new PutObjectCommand({
            Bucket,
            Key: key,
            Body: data,
            ContentLength: data.length,
            ContentType: contentType,
          }),
        );
        return { key, size: total };
      }
      if (buffered > 0) await flush();
      await client.send(
        new CompleteMultipartUploadCommand({
          Bucket,
          Key: key,
          UploadId: uploadId,
          MultipartUpload: { Parts: parts },
        }),
      );
      return { key, size: total };
    } catch (err) {
      if (uploadId) {
        await client
          .send(new AbortMultipartUploadCommand({ Bucket, Key: key, UploadId: uploadId }))
          .catch(() => undefined);
      }
      body.destroy();
      throw err;
    }
  }

  async function stat(key: string): Promise<StatResult | null> {
    assertValidKey(key);
    try {
      const h = await client.send(new HeadObjectCommand({ Bucket, Key: key }));
      return {
        size: h.ContentLength ?? 0,
        contentType: h.ContentType ?? null,
        lastModified: h.LastModified ?? null,
      };
    } catch (err) {
      if (httpStatus(err) === 404) return null;
      throw err;
    }
  }

  return {
    driver: o.driver,
    bucket: Bucket,

    async put(key: string, body: Readable | Buffer, opts: PutOptions = {}): Promise<PutResult> {
      assertValidKey(key);
      if (Buffer.isBuffer(body)) {
        await client.send(
          new PutObjectCommand({
            Bucket,
            Key: key,
            Body: body,
            ContentLength: body.length,
            ContentType: opts.contentType,
          }),
        );
        return { key, size: body.length };
      }
      return putStream(key, body, opts.contentType);
    },

    async get(key, opts = {}): Promise<GetResult> {
      assertValidKey(key);
      const r = opts.range;
      if (r && (!Number.isInteger(r.start) || r.start < 0 || (r.end !== undefined && r.end < r.start))) {
        const s = await stat(key);
        if (!s) throw new StorageNotFoundError(key);
        throw new StorageRangeError(s.size);
      }
      try {
        const res = await client.send(
          new GetObjectCommand({
            Bucket,
            Key: key,
            Range: r ? `bytes=${r.start}-${r.end ?? ''}` : undefined,
          }),
        );
        const stream = res.Body as Readable;
        const contentLength = res.ContentLength ?? 0;
        const m = res.ContentRange ? /^bytes (\d+)-(\d+)\/(\d+)$/.exec(res.ContentRange) : null;
        const size = m ? Number(m[3]) : contentLength;
        return {
          stream,
          size,
          contentLength,
          range: m ? { start: Number(m[1]), end: Number(m[2]) } : r ? { start: 0, end: size - 1 } : null,
          contentType: res.ContentType ?? null,
        };
      } catch (err) {
        const status = httpStatus(err);
        if (status === 404) throw new StorageNotFoundError(key);
        if (status === 416) {
          const s = await stat(key);
          if (!s) throw new StorageNotFoundError(key);
          throw new StorageRangeError(s.size);
        }
        throw err;
      }
    },

    stat,

    async delete(key) {
      assertValidKey(key);
      await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
    },

    url(key) {
      assertValidKey(key);
      const encoded = key.split('/').map(encodeURIComponent).join('/');
      if (o.endpoint) {
        const base = o.endpoint.replace(/\/+$/, '');
        if (o.forcePathStyle ?? o.driver === 'minio') return `${base}/${Bucket}/${encoded}`;
        const u = new URL(base);
        return `${u.protocol}//${Bucket}.${u.host}/${encoded}`;
      }
      return `https://${Bucket}.s3.${o.region}.amazonaws.com/${encoded}`;
    },

    close() {
      client.destroy();
    },
  };
}
