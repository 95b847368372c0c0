// Safe extraction of an uploaded zip (SCORM or H5P package). Everything is checked on the central
// directory before a byte is inflated (entry count, names, symlinks, file types, declared sizes and
// compression ratios), then again while inflating (yauzl compares the real sizes with the declared
// ones, and we count bytes ourselves). Files land in a fresh temporary folder; on any refusal the
// folder is removed, so nothing is left on disk.
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { ValidationError } from '../errors';

export interface ZipLimits {
  /** Entries in the central directory (folders included). */
  maxEntries: number;
  /** Sum of the uncompressed sizes. */
  maxTotalBytes: number;
  /** Uncompressed size ÷ compressed size of an entry above `ratioFloorBytes`, and of the whole. */
  maxRatio: number;
  ratioFloorBytes: number;
  /** Length of a path inside the package, in bytes. */
  maxPathBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 5000,
  maxTotalBytes: 500 * 1024 * 1024,
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
  maxPathBytes: 300,
};

/** Web content a package may hold: pages, scripts, styles, data, images, fonts, media, text. */
export const ALLOWED_EXTENSIONS = new Set([
  'html',
  'htm',
  'xhtml',
  'js',
  'mjs',
  'css',
  'json',
  'xml',
  'xsd',
  'dtd',
  'txt',
  'md',
  'csv',
  'vtt',
  'pdf',
  'png',
  'jpg',
  'jpeg',
  'gif',
  'webp',
  'svg',
  'ico',
  'bmp',
  'avif',
  'woff',
  'woff2',
  'ttf',
  'otf',
  'eot',
  'mp3',
  'wav',
  'ogg',
  'oga',
  'm4a',
  'aac',
  'mp4',
  'webm',
  'ogv',
  'm4v',
]);

/** Operating-system leftovers in zips made by hand: skipped, never extracted. */
const JUNK = /(^|\/)(__MACOSX\/|\.DS_Store$|Thumbs\.db$)/;

export type PackageRefusal =
  | 'not_a_zip'
  | 'too_many_entries'
  | 'path_traversal'
  | 'absolute_path'
  | 'invalid_path'
  | 'symlink'
  | 'file_type'
  | 'too_large'
  | 'zip_bomb'
  | 'empty'
  | 'manifest_missing'
  | 'manifest_invalid'
  | 'launch_missing'
  | 'h5p_library_missing'
  | 'wrong_kind';

/** A package refused: `reason` is machine-readable, the message names the entry or the limit. */
export class PackageRejectedError extends ValidationError {
  constructor(
    readonly reason: PackageRefusal,
    message: string,
  ) {
    super('file', message);
    (this.details as Record<string, unknown>).reason = reason;
  }
}

export interface ExtractedFile {
  /** Path inside the package, with forward slashes. */
  path: string;
  size: number;
}

export interface ExtractedPackage {
  /** The temporary folder holding the files; the caller removes it (`rm -r`) when done. */
  dir: string;
  files: ExtractedFile[];
  totalSize: number;
}

const isSymlink = (e: yauzl.Entry) => ((e.externalFileAttributes >>> 16) & 0o170000) === 0o120000;

/** Refuses a name that could leave the folder or is not a plain relative path. */
export function checkEntryName(
  name: string,
  limits: Pick<ZipLimits, 'maxPathBytes'> = DEFAULT_ZIP_LIMITS,
): void {
  if (name.includes('\\')) throw new PackageRejectedError('invalid_path', `Backslash in the path "${name}"`);
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) {
    throw new PackageRejectedError('absolute_path', `Absolute path in the package: "${name}"`);
  }
  if (name.split('/').some((s) => s === '..')) {
    throw new PackageRejectedError('path_traversal', `Path traversal in the package: "${name}"`);
  }
  // Control characters and NUL never belong in a web file name.
  if (
    [...name].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f) ||
    name.split('/').some((s) => s === '.')
  ) {
    throw new PackageRejectedError('invalid_path', `Invalid path in the package: ${JSON.stringify(name)}`);
  }
  if (Buffer.byteLength(name) > limits.maxPathBytes) {
    throw new PackageRejectedError(
      'invalid_path',
      `Path longer than ${limits.maxPathBytes} bytes: "${name.slice(0, 80)}…"`,
    );
  }
}

function extensionOf(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}

function openZip(zipPath: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    // decodeStrings: false — we decode and judge names ourselves (yauzl's own check would throw a
    // generic error before we can say which rule the entry broke).
    yauzl.open(
      zipPath,
      { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true },
      (err, zip) =>
        err || !zip
          ? reject(
              new PackageRejectedError('not_a_zip', `Not a readable zip file (${err?.message ?? 'empty'})`),
            )
          : resolve(zip),
    );
  });
}

function entryName(e: yauzl.Entry): string {
  const raw = e.fileName as unknown as Buffer;
  // Bit 11: the name is UTF-8; otherwise CP437, which matches UTF-8 for plain ASCII names.
  return (e.generalPurposeBitFlag & 0x800) !== 0 ? raw.toString('utf8') : raw.toString('latin1');
}

/** Reads the central directory: every entry, after the name/type/size checks. */
async function readDirectory(
  zip: yauzl.ZipFile,
  limits: ZipLimits,
): Promise<{ entries: yauzl.Entry[]; names: string[] }> {
  if (zip.entryCount > limits.maxEntries) {
    throw new PackageRejectedError(
      'too_many_entries',
      `The package has ${zip.entryCount} entries; at most ${limits.maxEntries} are allowed`,
    );
  }
  const entries: yauzl.Entry[] = [];
  const names: string[] = [];
  let total = 0;
  let compressed = 0;
  await new Promise<void>((resolve, reject) => {
    zip.on('error', (err: Error) =>
      reject(
        err instanceof PackageRejectedError
          ? err
          : new PackageRejectedError('not_a_zip', `Corrupt zip: ${err.message}`),
      ),
    );
    zip.on('end', () => resolve());
    zip.on('entry', (e: yauzl.Entry) => {
      try {
        const name = entryName(e);
        checkEntryName(name.replace(/\/$/, ''), limits);
        if (isSymlink(e))
          throw new PackageRejectedError('symlink', `Symbolic link in the package: "${name}"`);
        if (!name.endsWith('/') && !JUNK.test(name)) {
          const ext = extensionOf(name);
          if (!ALLOWED_EXTENSIONS.has(ext)) {
            throw new PackageRejectedError(
              'file_type',
              `File type not allowed in a package: "${name}"${ext ? ` (.${ext})` : ''}`,
            );
          }
          if (
            e.uncompressedSize > limits.ratioFloorBytes &&
            e.uncompressedSize / Math.max(1, e.compressedSize) > limits.maxRatio
          ) {
            throw new PackageRejectedError(
              'zip_bomb',
              `"${name}" expands more than ${limits.maxRatio} times: refused as a zip bomb`,
            );
          }
          total += e.uncompressedSize;
          compressed += e.compressedSize;
          if (total > limits.maxTotalBytes) {
            throw new PackageRejectedError(
              'too_large',
              `The package expands to more than ${Math.round(limits.maxTotalBytes / 1048576)} MB`,
            );
          }
          entries.push(e);
          names.push(name);
        }
        zip.readEntry();
      } catch (err) {
        reject(err);
      }
    });
    zip.readEntry();
  });
  if (total > limits.ratioFloorBytes && total / Math.max(1, compressed) > limits.maxRatio) {
    throw new PackageRejectedError(
      'zip_bomb',
      `The package expands more than ${limits.maxRatio} times: refused as a zip bomb`,
    );
  }
  if (entries.length === 0) throw new PackageRejectedError('empty', 'The package contains no files');
  return { entries, names };
}

function openEntry(zip: yauzl.ZipFile, e: yauzl.Entry): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) =>
    zip.openReadStream(e, (err, stream) =>
      err || !stream ? reject(err ?? new Error('no stream')) : resolve(stream),
    ),
  );
}

/**
 * Extracts `zipPath` into a new temporary folder. Throws PackageRejectedError (nothing left on
 * disk) when the zip breaks a rule.
 */
export async function extractZipSafely(
  zipPath: string,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<ExtractedPackage> {
  const zip = await openZip(zipPath);
  const dir = await mkdtemp(path.join(tmpdir(), 'mdsc-pkg-'));
  try {
    const { entries, names } = await readDirectory(zip, limits);
    const files: ExtractedFile[] = [];
    let written = 0;
    for (let i = 0; i < entries.length; i++) {
      const name = names[i];
      const target = path.resolve(dir, name);
      // Belt and braces: the name checks above already make this impossible.
      if (!target.startsWith(dir + path.sep))
        throw new PackageRejectedError('path_traversal', `Path traversal in the package: "${name}"`);
      let size = 0;
      const counter = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          size += chunk.length;
          written += chunk.length;
          if (written > limits.maxTotalBytes) {
            cb(
              new PackageRejectedError(
                'too_large',
                `The package expands to more than ${Math.round(limits.maxTotalBytes / 1048576)} MB`,
              ),
            );
          } else cb(null, chunk);
        },
      });
      try {
        await mkdir(path.dirname(target), { recursive: true });
        await pipeline(await openEntry(zip, entries[i]), counter, createWriteStream(target, { flags: 'wx' }));
      } catch (err) {
        if (err instanceof PackageRejectedError) throw err;
        const msg = (err as Error).message;
        if (/EEXIST|ENOTDIR/.test(msg))
          throw new PackageRejectedError('invalid_path', `"${name}" appears twice in the package`);
        // yauzl: "too many bytes in the stream" / "not enough bytes": the declared size lied.
        throw new PackageRejectedError(
          /bytes/.test(msg) ? 'zip_bomb' : 'not_a_zip',
          `Could not extract "${name}": ${msg}`,
        );
      }
      files.push({ path: name, size });
    }
    return { dir, files, totalSize: written };
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  } finally {
    zip.close();
  }
}
