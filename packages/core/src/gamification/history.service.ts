// "Why did I get this?": the learner's ledger, newest first, each row with a sentence naming what
// earned it (titles loaded with one query per kind of source, never one per row).
import { Challenge, Course, CourseModule, Lesson, Quiz, QuizAttempt, XpLedger } from '@mdsc/db';
import { XP_REASON_LABELS, type Locale, type XpHistoryInput, type XpReason } from '@mdsc/validators';
import { Op, type WhereOptions } from 'sequelize';
import type { Actor, CoreDeps } from '../deps';
import { ValidationError } from '../errors';

export interface XpHistoryItem {
  id: number;
  amount: number;
  reason: string;
  sourceType: string;
  sourceId: string;
  categoryId: number | null;
  label: string;
  createdAt: string;
}

export interface XpHistoryPage {
  items: XpHistoryItem[];
  nextCursor: string | null;
}

type TitleModel = { findAll(opts: object): Promise<{ id: number; get(k: string): unknown }[]> };
// Deleted lessons, modules and courses (soft-deleted) still explain the points they paid.
const TITLE_SOURCES: Record<string, { model: TitleModel; field: string }> = {
  lesson: { model: Lesson as unknown as TitleModel, field: 'title' },
  module: { model: CourseModule as unknown as TitleModel, field: 'title' },
  course: { model: Course as unknown as TitleModel, field: 'title' },
  quiz: { model: Quiz as unknown as TitleModel, field: 'title' },
  challenge: { model: Challenge as unknown as TitleModel, field: 'name' },
};

async function loadTitles(rows: { sourceType: string; sourceId: string }[]): Promise<Map<string, string>> {
  const idsByType = new Map<string, Set<number>>();
  for (const r of rows) {
    const type = r.sourceType;
    if (!TITLE_SOURCES[type] && type !== 'quiz_attempt') continue;
    const id = Number(r.sourceId);
    if (!Number.isInteger(id)) continue;
    if (!idsByType.has(type)) idsByType.set(type, new Set());
    idsByType.get(type)!.add(id);
  }
  const titles = new Map<string, string>();
  await Promise.all(
    [...idsByType].map(async ([type, ids]) => {
      if (type === 'quiz_attempt') {
        const attempts = await QuizAttempt.findAll({
          where: { id: { [Op.in]: [...ids] } },
          attributes: ['id'],
          include: [{ association: 'quiz', attributes: ['title'] }],
        });
        for (const a of attempts) if (a.quiz) titles.set(`quiz_attempt:${a.id}`, a.quiz.title);
        return;
      }
      const src = TITLE_SOURCES[type];
      const found = await src.model.findAll({
        where: { id: { [Op.in]: [...ids] } },
        attributes: ['id', src.field],
        paranoid: false,
      });
      for (const f of found) titles.set(`${type}:${f.id}`, String(f.get(src.field)));
    }),
  );
  return titles;
}

export function xpReasonLabel(reason: string, title: string, locale: Locale): string {
  const template = XP_REASON_LABELS[locale][reason as XpReason] ?? `${reason}: {title}`;
  return template.replace('{title}', title);
}

function parseCursor(cursor: string): { at: Date; id: number } {
  const [at, id] = cursor.split('|');
  const date = new Date(at);
  if (Number.isNaN(date.getTime()) || !/^\d+$/.test(id ?? '')) throw new ValidationError('cursor', 'Invalid cursor');
  return { at: date, id: Number(id) };
}

function formatDay(day: string, locale: Locale): string {
  const d = new Date(`${day}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return day;
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(d);
}

export async function listXpHistory(_deps: CoreDeps, actor: Actor, input: XpHistoryInput): Promise<XpHistoryPage> {
  const locale = input.locale ?? actor.locale;
  const where: WhereOptions<XpLedger>[] = [{ userId: actor.id }];
  if (input.cursor) {
    const c = parseCursor(input.cursor);
    where.push({ [Op.or]: [{ createdAt: { [Op.lt]: c.at } }, { createdAt: c.at, id: { [Op.lt]: c.id } }] });
  }
  const rows = await XpLedger.findAll({
    where: { [Op.and]: where },
    order: [
      ['createdAt', 'DESC'],
      ['id', 'DESC'],
    ],
    limit: input.limit + 1,
  });
  const page = rows.slice(0, input.limit);
  const titles = await loadTitles(page);
  const fallback = locale === 'fr' ? 'contenu supprimé' : 'deleted content';
  const items = page.map((r) => {
    const title = r.sourceType === 'day' ? formatDay(r.sourceId, locale) : (titles.get(`${r.sourceType}:${r.sourceId}`) ?? fallback);
    return {
      id: r.id,
      amount: r.amount,
      reason: r.reason,
      sourceType: r.sourceType,
      sourceId: r.sourceId,
      categoryId: r.categoryId ?? null,
      label: xpReasonLabel(r.reason, title, locale),
      createdAt: r.createdAt.toISOString(),
    };
  });
  const last = page[page.length - 1];
  return {
    items,
    nextCursor: rows.length > input.limit && last ? `${last.createdAt.toISOString()}|${last.id}` : null,
  };
}
