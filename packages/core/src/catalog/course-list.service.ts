import { courseListInput, DEFAULT_LOCALE, type CourseListInput, type Difficulty, type Locale } from '@mdsc/validators';
import { QueryTypes } from 'sequelize';
import type { CoreDeps } from '../deps';
import { translator } from '../i18n/content-translations';
import { toIso } from './access';
import {
  buildCourseListQuery,
  COURSE_CARD_COLUMNS,
  courseCardFrom,
  cursorFromRow,
  decodeCursor,
  encodeCursor,
} from './course-list.sql';

type Deps = Pick<CoreDeps, 'db'>;

/** A course as shown in lists: enough for a card, nothing of its content. */
export interface CourseCardDto {
  id: number;
  slug: string;
  title: string;
  shortDescription: string | null;
  thumbnailUrl: string | null;
  difficulty: Difficulty;
  language: string;
  price: number;
  currency: string;
  durationMinutes: number | null;
  enrollmentCount: number;
  rating: number;
  isFeatured: boolean;
  createdAt: string;
  courseStartDate: string | null;
  category: { id: number; name: string; color: string | null };
  instructor: { id: number; name: string };
}

type Row = Record<string, unknown>;

export function toCourseCard(r: Row): CourseCardDto {
  return {
    id: Number(r.id),
    slug: String(r.slug),
    title: String(r.title),
    shortDescription: (r.short_description as string | null) ?? null,
    thumbnailUrl: (r.thumbnail_url as string | null) ?? null,
    difficulty: r.difficulty as Difficulty,
    language: String(r.language),
    price: Number(r.price),
    currency: String(r.currency),
    durationMinutes: r.duration_minutes === null ? null : Number(r.duration_minutes),
    enrollmentCount: Number(r.enrollment_count),
    rating: Number(r.rating),
    isFeatured: !!Number(r.is_featured),
    createdAt: toIso(r.created_at as Date | string)!,
    courseStartDate: toIso(r.course_start_date as Date | string | null),
    category: {
      id: Number(r.category_id),
      name: String(r.category_name),
      color: (r.category_color as string) ?? null,
    },
    instructor: {
      id: Number(r.instructor_id),
      name: `${String(r.instructor_first_name)} ${String(r.instructor_last_name)}`.trim(),
    },
  };
}

/** Cards with their category's name in `locale` (one query for the page; none in French). */
async function localizeCategories(cards: CourseCardDto[], locale: Locale): Promise<CourseCardDto[]> {
  const tr = await translator('category', cards.map((c) => c.category.id), locale);
  for (const card of cards) card.category.name = tr(card.category.id, 'name', card.category.name);
  return cards;
}

export interface CoursePage {
  items: CourseCardDto[];
  /** Opaque; pass it back to get the next page. null on the last page. */
  nextCursor: string | null;
}

/**
 * The public catalog: published courses matching the search and filters, in the chosen order,
 * one page per call. One SQL statement per page whatever its size (joins, no lazy loading);
 * keyset pagination, so a page never repeats or skips a course when others are added meanwhile.
 */
export async function listCourses(
  deps: Deps,
  input: CourseListInput,
  locale: Locale = DEFAULT_LOCALE,
): Promise<CoursePage> {
  const query = courseListInput.parse(input);
  const cursor = query.cursor ? decodeCursor(query.cursor, query.sort) : null;
  const { sql, replacements } = buildCourseListQuery(deps.db.dialect, query, cursor);
  const rows = await deps.db.sequelize.query<Row>(sql, { replacements, type: QueryTypes.SELECT });
  const hasMore = rows.length > query.limit;
  const page = hasMore ? rows.slice(0, query.limit) : rows;
  return {
    items: await localizeCategories(page.map(toCourseCard), locale),
    nextCursor: hasMore ? encodeCursor(cursorFromRow(query.sort, page[page.length - 1])) : null,
  };
}

export async function listFeaturedCourses(
  deps: Deps,
  input: { limit: number },
  locale: Locale = DEFAULT_LOCALE,
): Promise<CourseCardDto[]> {
  const rows = await deps.db.sequelize.query<Row>(
    `SELECT ${COURSE_CARD_COLUMNS} ${courseCardFrom(deps.db.dialect)}
     WHERE c.is_published = TRUE AND c.deleted_at IS NULL AND c.is_featured = TRUE
     ORDER BY c.created_at DESC, c.id DESC LIMIT :limit`,
    { replacements: { limit: input.limit }, type: QueryTypes.SELECT },
  );
  return localizeCategories(rows.map(toCourseCard), locale);
}

export interface CategoryShelfDto {
  category: { id: number; name: string; color: string | null };
  courses: CourseCardDto[];
}

/** The most popular courses of each active category, in one statement (a window function). */
export async function listCoursesPerCategory(
  deps: Deps,
  input: { perCategory: number },
  locale: Locale = DEFAULT_LOCALE,
): Promise<CategoryShelfDto[]> {
  const rows = await deps.db.sequelize.query<Row>(
    `SELECT * FROM (
       SELECT ${COURSE_CARD_COLUMNS},
         ROW_NUMBER() OVER (PARTITION BY c.category_id ORDER BY c.enrollment_count DESC, c.id DESC) AS rn
       ${courseCardFrom(deps.db.dialect)}
       WHERE c.is_published = TRUE AND c.deleted_at IS NULL AND cat.is_active = TRUE
     ) ranked
     WHERE rn <= :n
     ORDER BY category_name ASC, rn ASC`,
    { replacements: { n: input.perCategory }, type: QueryTypes.SELECT },
  );
  const shelves = new Map<number, CategoryShelfDto>();
  for (const card of await localizeCategories(rows.map(toCourseCard), locale)) {
    const shelf = shelves.get(card.category.id) ?? { category: card.category, courses: [] };
    shelf.courses.push(card);
    shelves.set(card.category.id, shelf);
  }
  return [...shelves.values()];
}
