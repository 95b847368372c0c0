// The first screen's data, inlined by the server into the HTML of a page (a JSON script element) so
// that the web app paints without a tRPC round trip first (issue 17, bench/lighthouse). The server
// and the browser must ask the same questions with the same inputs: both build them here.
import { COURSE_SORTS, type CourseSort } from './catalog-constants';
import type { Difficulty } from './constants';

/** The id of the `<script type="application/json">` element that carries the answers. */
export const FIRST_SCREEN_ELEMENT_ID = 'mdsc-first-screen';

/** What the server inlines: the answers, and the language they were made in (names are translated). */
export interface FirstScreenPayload {
  locale: string;
  answers: { path: string; input: unknown; data: unknown }[];
}

/** The catalog's filters, read from its URL (`/courses?q=…&category=…`). */
export interface CatalogFilters {
  q: string;
  category: string;
  difficulty: string;
  language: string;
  pricing: string;
  sort: CourseSort;
}

export function catalogFilters(search: string): CatalogFilters {
  const p = new URLSearchParams(search);
  const sort = p.get('sort') as CourseSort | null;
  return {
    q: p.get('q') ?? '',
    category: p.get('category') ?? '',
    difficulty: p.get('difficulty') ?? '',
    language: p.get('language') ?? '',
    pricing: p.get('pricing') ?? '',
    sort: sort && COURSE_SORTS.includes(sort) ? sort : 'newest',
  };
}

/** The catalog's first list query for these filters (the page asks for 20 courses at a time). */
export function catalogListInput(f: CatalogFilters) {
  return {
    q: f.q || undefined,
    categoryId: f.category ? Number(f.category) : undefined,
    difficulty: (f.difficulty || undefined) as Difficulty | undefined,
    language: f.language || undefined,
    pricing: (f.pricing || undefined) as 'free' | 'paid' | undefined,
    sort: f.sort,
    limit: 20,
  };
}

/**
 * A query's identity: its path and its input as JSON with sorted keys, undefined members left out.
 * An infinite query's first page (no cursor) also carries `direction`: both are dropped.
 */
export function firstScreenKey(path: string, input: unknown): string {
  let value = input;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const { direction: _d, cursor, ...rest } = value as Record<string, unknown>;
    if (cursor == null) value = rest;
  }
  return `${path}\u0000${canonicalJson(value) ?? ''}`;
}

function canonicalJson(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v) ?? 'null').join(',')}]`;
  const entries = Object.keys(value)
    .sort()
    .flatMap((k) => {
      const v = canonicalJson((value as Record<string, unknown>)[k]);
      return v === undefined ? [] : [`${JSON.stringify(k)}:${v}`];
    });
  return `{${entries.join(',')}}`;
}
