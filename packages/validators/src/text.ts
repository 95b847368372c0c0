// Cleaning of every stored name, title and free text, shared by the API and the browser's forms.
// What is removed cannot be seen, or changes how the text around it is displayed: a name must
// look like what it contains, in the web app, in e-mails, PDFs and an admin's terminal.
import { z } from 'zod';

/* eslint-disable no-control-regex */
/**
 * Terminal escape sequences, removed whole (the ESC alone would leave `[31m` behind): CSI
 * (`ESC [ … final`, colours and cursor moves), string commands (OSC `ESC ]` window titles and
 * links, DCS, SOS, PM, APC, up to BEL or ST), and the other two- or three-byte escapes.
 */
const ANSI =
  /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]?|\u001b[\]PX^_][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[ -/]*[0-~]?/g;
/** C0 and C1 controls and DEL, tab and line feed kept (they are handled by the caller). */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/**
 * Invisible characters that change display or hide inside a word: bidirectional embeddings,
 * overrides and isolates (U+202A–U+202E, U+2066–U+2069) and marks (U+200E, U+200F, U+061C);
 * zero-width space (U+200B), word joiner and invisible operators (U+2060–U+2064), zero-width
 * no-break space / BOM (U+FEFF), soft hyphen (U+00AD). Zero-width non-joiner and joiner (U+200C,
 * U+200D) are kept: Persian and Indic scripts need them, and so do emoji sequences such as 👩🏾‍💻.
 */
const INVISIBLE = /[\u00ad\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
/** Tag characters (invisible ASCII look-alikes) except inside a flag sequence such as 🏴󠁧󠁢󠁳󠁣󠁴󠁿. */
const TAGS = /(?<!\u{1f3f4}[\u{e0020}-\u{e007e}]*)[\u{e0000}-\u{e007f}]/gu;
/** Halves of surrogate pairs standing alone (no character; MariaDB's utf8mb4 would refuse them). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/* eslint-enable no-control-regex */

export interface CleanTextOptions {
  /** Keep line breaks and tabs (descriptions, messages); otherwise they become spaces. */
  multiline?: boolean;
}

/**
 * The stored form of a name, title or free text: terminal escapes, control characters,
 * bidirectional controls and invisible characters removed; line breaks normalised to `\n` (kept
 * only in multi-line text, else spaces, with runs of spaces collapsed); NFC-normalised, so that
 * "é" typed on any keyboard is one character; trimmed. Letters of every script, accents,
 * typographic spaces (French no-break spaces) and emoji are kept.
 */
export function cleanText(value: string, opts: CleanTextOptions = {}): string {
  let s = value
    .replace(LONE_SURROGATE, '')
    .replace(ANSI, '')
    .replace(/\r\n?|[\u0085\u2028\u2029]/g, '\n')
    .replace(CONTROL, '')
    .replace(INVISIBLE, '')
    .replace(TAGS, '');
  if (!opts.multiline) s = s.replace(/[\t\n]+/g, ' ').replace(/ {2,}/g, ' ');
  return s.normalize('NFC').trim();
}

/** Input longer than this many times the limit is refused before being cleaned (cost bound). */
const RAW_FACTOR = 4;

/**
 * A required text of `min`–`max` characters, counted after cleaning: input that is empty once
 * cleaned (spaces, control characters only) fails with "required" on its own field.
 */
export function safeText(min: number, max: number, opts: CleanTextOptions = {}) {
  return z
    .string()
    .max(max * RAW_FACTOR + 64)
    .transform((v) => cleanText(v, opts))
    .pipe(z.string().min(1, { error: 'required', abort: true }).min(min).max(max));
}

/** A one-line name or title (people, courses, modules, lessons, categories, badges, quizzes…). */
export const safeName = (min: number, max: number) => safeText(min, max);

/** Optional text: null, undefined and whatever is empty once cleaned are stored as null. */
export function optionalSafeText(max: number, opts: CleanTextOptions = {}) {
  return z
    .string()
    .max(max * RAW_FACTOR + 64)
    .transform((v) => cleanText(v, opts))
    .pipe(z.string().max(max))
    .nullish()
    .transform((v) => (v ? v : null));
}

/** TEXT columns hold 65,535 bytes; utf-8 accents take two, so count bytes, not characters. */
export const MAX_TEXT_BYTES = 65_535;
const fitsTextColumn = (s: string) => new TextEncoder().encode(s).length <= MAX_TEXT_BYTES;

/** Optional multi-line text stored in a TEXT column (descriptions, lesson text). */
export const optionalLongText = z
  .string()
  .max(MAX_TEXT_BYTES * 2)
  .transform((v) => cleanText(v, { multiline: true }))
  .pipe(z.string().refine(fitsTextColumn, 'too long (64 KB at most)'))
  .nullish()
  .transform((v) => (v ? v : null));

/**
 * The English name and description of a badge, challenge or category (issue 17): stored beside the
 * French original, which is shown where they are empty. On an update, absent means unchanged.
 */
export const englishNameFields = {
  nameEn: optionalSafeText(255),
  descriptionEn: optionalSafeText(2000, { multiline: true }),
};
export const englishNameUpdateFields = {
  nameEn: englishNameFields.nameEn.optional(),
  descriptionEn: englishNameFields.descriptionEn.optional(),
};
