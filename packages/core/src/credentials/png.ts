// Open Badges baking for PNG: the credential goes in an iTXt chunk with the keyword
// `openbadgecredential` (uncompressed, no language tag), placed before the first IDAT. A PNG that
// already carries one has it replaced, never duplicated.
import { crc32 } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
export const BAKED_KEYWORD = 'openbadgecredential';

interface Chunk {
  type: string;
  data: Buffer;
}

export function isPng(buf: Buffer): boolean {
  return buf.length >= 8 && buf.subarray(0, 8).equals(SIGNATURE);
}

function readChunks(png: Buffer): Chunk[] {
  if (!isPng(png)) throw new Error('not a PNG file');
  const chunks: Chunk[] = [];
  let off = 8;
  while (off + 12 <= png.length) {
    const len = png.readUInt32BE(off);
    const type = png.toString('latin1', off + 4, off + 8);
    if (off + 12 + len > png.length) throw new Error('truncated PNG chunk');
    const data = png.subarray(off + 8, off + 8 + len);
    const crc = png.readUInt32BE(off + 8 + len);
    if (crc32(png.subarray(off + 4, off + 8 + len)) !== crc) throw new Error(`bad CRC in PNG chunk ${type}`);
    chunks.push({ type, data });
    off += 12 + len;
    if (type === 'IEND') break;
  }
  if (chunks[0]?.type !== 'IHDR' || chunks.at(-1)?.type !== 'IEND') throw new Error('incomplete PNG');
  return chunks;
}

function writeChunk(c: Chunk): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(c.data.length, 0);
  head.write(c.type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), c.data])));
  return Buffer.concat([head, c.data, crc]);
}

/** iTXt: keyword \0, compression flag 0, method 0, empty language \0, empty translated keyword \0, UTF-8 text. */
function itxt(keyword: string, text: string): Chunk {
  return {
    type: 'iTXt',
    data: Buffer.concat([
      Buffer.from(keyword, 'latin1'),
      Buffer.from([0, 0, 0, 0, 0]),
      Buffer.from(text, 'utf8'),
    ]),
  };
}

function parseItxt(data: Buffer): { keyword: string; text: string } | null {
  const k = data.indexOf(0);
  if (k < 1) return null;
  const keyword = data.toString('latin1', 0, k);
  const compressed = data[k + 1];
  let p = k + 3;
  const langEnd = data.indexOf(0, p);
  if (langEnd < 0) return null;
  const transEnd = data.indexOf(0, langEnd + 1);
  if (transEnd < 0) return null;
  p = transEnd + 1;
  if (compressed !== 0) return null; // we never write compressed text; others are not ours to read
  return { keyword, text: data.toString('utf8', p) };
}

export function bakePng(png: Buffer, text: string): Buffer {
  const chunks = readChunks(png).filter(
    (c) => !(c.type === 'iTXt' && parseItxt(c.data)?.keyword === BAKED_KEYWORD),
  );
  const at = chunks.findIndex((c) => c.type === 'IDAT');
  chunks.splice(at < 0 ? chunks.length - 1 : at, 0, itxt(BAKED_KEYWORD, text));
  return Buffer.concat([SIGNATURE, ...chunks.map(writeChunk)]);
}

/** The baked credential text, or null when the PNG carries none. Throws on a malformed PNG. */
export function extractBakedCredential(png: Buffer): string | null {
  for (const c of readChunks(png)) {
    if (c.type !== 'iTXt') continue;
    const t = parseItxt(c.data);
    if (t?.keyword === BAKED_KEYWORD) return t.text;
  }
  return null;
}
