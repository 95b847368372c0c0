import type { FileCategory } from '@mdsc/validators';

/**
 * Types accepted per category, as detected from the file's first bytes (never from the name or
 * the client's Content-Type). Anything else, executables included, is refused.
 */
export const MEDIA_ALLOW_LIST: Record<FileCategory, readonly string[]> = {
  image: ['image/png', 'image/jpeg', 'image/webp', 'image/gif', 'image/avif'],
  video: ['video/mp4', 'video/webm', 'video/quicktime', 'video/x-m4v', 'video/matroska', 'video/ogg'],
  audio: [
    'audio/mpeg',
    'audio/ogg',
    'audio/wav',
    'audio/x-m4a',
    'audio/mp4',
    'audio/aac',
    'audio/flac',
    'audio/opus',
  ],
  document: [
    'application/pdf',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/epub+zip',
  ],
  presentation: [
    'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    'application/pdf',
  ],
  h5p: ['application/zip'],
  other: ['application/zip'],
};

/**
 * The bare, lower-case type of a detected MIME type and its `codecs` parameter, if any
 * ("audio/ogg; codecs=opus" → audio/ogg + opus; "Audio/OGG" → audio/ogg). Null for a malformed one.
 */
export function normalizeMime(raw: string): { type: string; codecs: string | null } | null {
  const [essence, ...params] = raw.split(';');
  const type = essence.trim().toLowerCase();
  if (!/^[a-z0-9][\w.+-]*\/[a-z0-9][\w.+-]*$/.test(type)) return null;
  const codecs = params
    .map((p) => /^\s*codecs\s*=\s*"?([^";]*)"?\s*$/i.exec(p)?.[1]?.trim().toLowerCase())
    .find((c) => !!c);
  return { type, codecs: codecs ?? null };
}

/** The category of an upload: the one asked for if the detected type fits it, else the first that fits. */
export function chooseMediaCategory(
  detectedMime: string | undefined,
  requested: FileCategory | undefined,
  originalFilename: string,
): FileCategory | null {
  if (!detectedMime) return null;
  if (requested) return MEDIA_ALLOW_LIST[requested].includes(detectedMime) ? requested : null;
  if (detectedMime === 'application/zip') return /\.h5p$/i.test(originalFilename) ? 'h5p' : 'other';
  const order: FileCategory[] = ['image', 'video', 'audio', 'document', 'presentation'];
  return order.find((c) => MEDIA_ALLOW_LIST[c].includes(detectedMime)) ?? null;
}

/** A display name safe to store and echo back: no directories, no control characters. */
export function safeOriginalName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (cleaned || 'fichier').slice(0, 255);
}
