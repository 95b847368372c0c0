import type { Readable } from 'node:stream';

export type StorageDriverName = 'local' | 's3' | 'minio';

/** Inclusive byte range, as in HTTP `Range: bytes=start-end`. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface PutOptions {
  contentType?: string;
}

export interface PutResult {
  key: string;
  size: number;
}

export interface StatResult {
  size: number;
  contentType: string | null;
  lastModified: Date | null;
}

export interface GetResult {
  stream: Readable;
  /** Size of the whole object. */
  size: number;
  /** Bytes in `stream` (the range's length when a range was asked for). */
  contentLength: number;
  /** The range served, clamped to the object; null for the whole object. */
  range: ByteRange | null;
  contentType: string | null;
}

/**
 * Where uploaded files live. Keys are relative paths (`2026/11/ab12….png`) chosen by the caller;
 * drivers never interpret them beyond rejecting anything that could escape the store.
 */
export interface Storage {
  readonly driver: StorageDriverName;
  /** The bucket for S3-compatible drivers, null on local disk. */
  readonly bucket: string | null;
  /** Streams `body` into the store; a stream that errors leaves nothing behind. */
  put(key: string, body: Readable | Buffer, opts?: PutOptions): Promise<PutResult>;
  /** Throws StorageNotFoundError when absent, StorageRangeError when the range starts past the end. */
  get(key: string, opts?: { range?: { start: number; end?: number } }): Promise<GetResult>;
  /** null when absent. */
  stat(key: string): Promise<StatResult | null>;
  /** Idempotent: deleting a missing key is not an error. */
  delete(key: string): Promise<void>;
  /** Where the driver itself exposes the object (file:// URL or the S3 object URL). */
  url(key: string): string;
}

export class StorageNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`Stored object not found: ${key}`);
    this.name = 'StorageNotFoundError';
  }
}

export class StorageRangeError extends Error {
  constructor(readonly size: number) {
    super('Requested range not satisfiable');
    this.name = 'StorageRangeError';
  }
}

const KEY_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

/** Rejects keys that are empty, absolute, contain `..` segments or unusual characters. */
export function assertValidKey(key: string): void {
  if (key.length > 400 || !KEY_RE.test(key) || key.split('/').some((s) => s === '..' || s === '.')) {
    throw new Error(`Invalid storage key: ${JSON.stringify(key)}`);
  }
}

/** Clamps a requested range to an object of `size` bytes; throws when it cannot be served. */
export function resolveRange(
  range: { start: number; end?: number } | undefined,
  size: number,
): ByteRange | null {
  if (!range) return null;
  const { start } = range;
  if (!Number.isInteger(start) || start < 0 || start >= size) throw new StorageRangeError(size);
  const end = Math.min(range.end ?? size - 1, size - 1);
  if (!Number.isInteger(end) || end < start) throw new StorageRangeError(size);
  return { start, end };
}
