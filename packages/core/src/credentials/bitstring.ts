// W3C Bitstring Status List: a bitstring of at least 131,072 bits (16 KB, for herd privacy),
// GZIP-compressed and written as a multibase base64url string ("u" prefix, no padding). Index 0 is
// the most significant bit of the first byte.
import { gunzipSync, gzipSync } from 'node:zlib';

export const STATUS_LIST_BITS = 131_072;

export function encodeStatusList(setIndexes: Iterable<number>, bits = STATUS_LIST_BITS): string {
  const bytes = Buffer.alloc(bits / 8);
  for (const i of setIndexes) {
    if (!Number.isInteger(i) || i < 0 || i >= bits)
      throw new RangeError(`status index ${i} is outside the list`);
    bytes[i >> 3] |= 0x80 >> (i & 7);
  }
  return `u${gzipSync(bytes).toString('base64url')}`;
}

/** Decodes an `encodedList`; refuses anything but multibase base64url of a GZIP stream. */
export function decodeStatusList(encoded: string): Buffer {
  if (typeof encoded !== 'string' || !encoded.startsWith('u'))
    throw new Error('encodedList is not multibase base64url');
  // A 16 KB list compresses to a few hundred bytes; cap the inflated size against zip bombs.
  return gunzipSync(Buffer.from(encoded.slice(1), 'base64url'), { maxOutputLength: 16 * 1024 * 1024 });
}

export function statusBit(list: Buffer, index: number): boolean {
  if (!Number.isInteger(index) || index < 0 || index >= list.length * 8)
    throw new RangeError(`status index ${index} is outside the list`);
  return (list[index >> 3] & (0x80 >> (index & 7))) !== 0;
}
