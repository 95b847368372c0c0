// ICU plurals (0, 1, 2, many) and French ordinal dates in both languages, language names, and a guard
// over the catalogs: a count shown next to a noun must go through a plural form.
import IntlMessageFormat from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { en } from './en';
import { formatDate, formatDateTime } from './format';
import { fr } from './fr';
import { format } from './index';
import { languageName } from './languages';

const nb = (s: string) => s.replace(/\u202f|\u00a0/g, ' ');

describe('plurals through ICU MessageFormat', () => {
  const cases: [keyof typeof fr, Record<string, number>, string, string][] = [
    ['catalog.enrolled', { count: 0 }, 'aucun inscrit', ''],
    ['catalog.enrolled', { count: 1 }, '1 inscrit', ''],
    ['catalog.enrolled', { count: 2 }, '2 inscrits', ''],
    ['catalog.enrolled', { count: 1500 }, '1 500 inscrits', ''],
    ['gam.admin.participants', { count: 0, done: 0 }, 'aucun participant, aucune réussite', 'no participant, 0 completed'],
    ['gam.admin.participants', { count: 1, done: 0 }, '1 participant, aucune réussite', '1 participant, 0 completed'],
    ['gam.admin.participants', { count: 2, done: 1 }, '2 participants, 1 réussite', '2 participants, 1 completed'],
    ['gam.admin.participants', { count: 1200, done: 2 }, '1 200 participants, 2 réussites', '1,200 participants, 2 completed'],
    ['quiz.points', { score: 0, total: 1 }, '0 / 1 point', '0 / 1 point'],
    ['quiz.points', { score: 2, total: 2 }, '2 / 2 points', '2 / 2 points'],
    ['quiz.points', { score: 0, total: 0 }, '0 / 0 point', '0 / 0 points'],
    ['dash.streak', { count: 0 }, 'Aucun jour de suite', 'No day in a row'],
    ['dash.streak', { count: 1 }, '1 jour de suite', '1 day in a row'],
    ['dash.streak', { count: 2 }, '2 jours de suite', '2 days in a row'],
    ['dash.streak', { count: 365 }, '365 jours de suite', '365 days in a row'],
    ['errors.tooShort', { min: 1 }, 'Au moins 1 caractère.', 'At least 1 character.'],
    ['errors.tooShort', { min: 8 }, 'Au moins 8 caractères.', 'At least 8 characters.'],
  ];
  for (const [key, values, frText, enText] of cases) {
    it(`${key} ${JSON.stringify(values)}`, () => {
      expect(nb(format(fr[key], 'fr', values))).toBe(frText);
      if (enText) expect(nb(format(en[key], 'en', values))).toBe(enText);
    });
  }

  it('French counts 0 and 1 as singular, English only 1', () => {
    const m = '{count, plural, one {# leçon} other {# leçons}}';
    expect([0, 1, 2].map((count) => format(m, 'fr', { count }))).toEqual(['0 leçon', '1 leçon', '2 leçons']);
    const e = '{count, plural, one {# lesson} other {# lessons}}';
    expect([0, 1, 2].map((count) => format(e, 'en', { count }))).toEqual(['0 lessons', '1 lesson', '2 lessons']);
  });

  it('a value the caller forgot shows empty (text) or 0 (count) instead of breaking the page', () => {
    expect(format('Bonjour {name} !', 'fr')).toBe('Bonjour  !');
    expect(format('{count, plural, one {# cours} other {# cours}}', 'fr')).toBe('0 cours');
  });

  it('every message of both catalogs is valid ICU', () => {
    for (const [locale, catalog] of [['fr', fr], ['en', en]] as const) {
      for (const [key, text] of Object.entries(catalog)) {
        expect(() => new IntlMessageFormat(text, locale, undefined, { ignoreTag: true }), key).not.toThrow();
      }
    }
  });
});

/** Placeholders that hold a count (or a size, an amount of something countable). */
const COUNT_NAMES = new Set([
  'count', 'n', 'total', 'max', 'min', 'done', 'enrolments', 'completed', 'started', 'failed', 'answered',
  'published', 'left', 'read', 'points', 'participants', 'lessons', 'modules', 'days', 'hours', 'minutes',
]);
/** Words after a number that do not change with it: units and connectors ("3 sur 5", "12 Mo", "40 XP"). */
const INVARIANT_AFTER = new Set(['sur', 'of', 'XP', 'Mo', 'Ko', 'Go', 'MB', 'KB', 'GB', 'min', 'h', 's', 'answered', 'completed', 'published', 'started', 'read']);

/** `{name} word` where name is a count and word changes with it, outside any plural. */
export function countsWithoutPlural(catalog: Record<string, string>): string[] {
  const found: string[] = [];
  for (const [key, text] of Object.entries(catalog)) {
    for (const m of text.matchAll(/\{(\w+)\}\s*([\p{L}’']+)/gu)) {
      if (COUNT_NAMES.has(m[1]!) && !INVARIANT_AFTER.has(m[2]!)) found.push(`${key}: ${text}`);
    }
  }
  return found;
}

describe('catalog guard', () => {
  it('finds a count next to a noun without a plural form', () => {
    expect(countsWithoutPlural({ a: '{count} participants, {done} réussites', b: '{count, plural, one {# point} other {# points}}' })).toEqual([
      'a: {count} participants, {done} réussites',
      'a: {count} participants, {done} réussites',
    ]);
    expect(countsWithoutPlural({ c: '{score} / {total} points' })).toEqual(['c: {score} / {total} points']);
    expect(countsWithoutPlural({ d: 'Tentatives restantes : {left} sur {max}', e: 'Taille maximale : {mb} Mo' })).toEqual([]);
  });

  it('the French catalog has none', () => {
    expect(countsWithoutPlural(fr)).toEqual([]);
  });
});

describe('dates with the French ordinal "1er"', () => {
  it('writes the first of the month as 1er in French, as 1 in English', () => {
    expect(nb(formatDate('2026-11-01', 'fr'))).toBe('1er novembre 2026');
    expect(nb(formatDate('2026-11-02', 'fr'))).toBe('2 novembre 2026');
    expect(nb(formatDate('2026-11-21', 'fr'))).toBe('21 novembre 2026');
    expect(nb(formatDate('2026-11-01', 'fr', 'medium'))).toBe('1er nov. 2026');
    expect(nb(formatDate('2026-11-01', 'fr', 'short'))).toBe('01/11/2026');
    expect(nb(formatDate('2026-11-01', 'en'))).toBe('1 November 2026');
    expect(nb(formatDate('2026-11-02', 'en'))).toBe('2 November 2026');
  });
  it('in a sentence: "Du 1er novembre au 30 novembre 2026"', () => {
    const text = format(fr['gam.challenges.window'], 'fr', { start: formatDate('2026-11-01', 'fr'), end: formatDate('2026-11-30', 'fr') });
    expect(nb(text)).toBe('Du 1er novembre 2026 au 30 novembre 2026');
  });
  it('date and time too', () => {
    expect(nb(formatDateTime('2026-12-01T09:30:00', 'fr'))).toMatch(/^1er déc\. 2026/);
  });
});

describe('language names', () => {
  it('names the course languages in the reader’s language, ours when ICU has none', () => {
    const codes = ['fr', 'en', 'fon', 'yo', 'ha', 'wo', 'ee', 'dyu'];
    expect(codes.map((c) => languageName(c, 'fr'))).toEqual(['Français', 'Anglais', 'Fon', 'Yoruba', 'Haoussa', 'Wolof', 'Éwé', 'Dioula']);
    expect(codes.map((c) => languageName(c, 'en'))).toEqual(['French', 'English', 'Fon', 'Yoruba', 'Hausa', 'Wolof', 'Ewe', 'Dyula']);
    expect(languageName('zz-not-a-code!', 'fr')).toBe('Zz-not-a-code!');
  });
});
