// Package paths → storage keys. Storage keys allow only [A-Za-z0-9._-] segments, package files
// may be named anything (spaces, accents): a segment outside that alphabet is stored as "x--" and
// its UTF-8 bytes in hex, so the mapping is reversible and needs no index.
const SAFE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function encodeSegment(segment: string): string {
  if (SAFE.test(segment) && !segment.startsWith('x--')) return segment;
  return `x--${Buffer.from(segment, 'utf8').toString('hex')}`;
}

/** The storage key of `filePath` (forward slashes) inside the package stored under `prefix`. */
export function packageFileKey(prefix: string, filePath: string): string {
  return `${prefix}/${filePath.split('/').map(encodeSegment).join('/')}`;
}

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  htm: 'text/html; charset=utf-8',
  xhtml: 'application/xhtml+xml; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
  xsd: 'application/xml; charset=utf-8',
  dtd: 'application/xml-dtd; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  vtt: 'text/vtt; charset=utf-8',
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  ico: 'image/x-icon',
  bmp: 'image/bmp',
  avif: 'image/avif',
  woff: 'font/woff',
  woff2: 'font/woff2',
  ttf: 'font/ttf',
  otf: 'font/otf',
  eot: 'application/vnd.ms-fontobject',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  m4a: 'audio/mp4',
  aac: 'audio/aac',
  mp4: 'video/mp4',
  webm: 'video/webm',
  ogv: 'video/ogg',
  m4v: 'video/mp4',
};

/** The Content-Type a package file is served with (by extension; the upload allow-listed them). */
export function packageContentType(filePath: string): string {
  const ext = filePath.slice(filePath.lastIndexOf('.') + 1).toLowerCase();
  return TYPES[ext] ?? 'application/octet-stream';
}
