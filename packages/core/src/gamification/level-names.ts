// The 12 level names in the reader's language (issue 17, part 5). The thresholds are code
// (LEVELS in @mdsc/validators); the words are rows of level_names (migration 0800), renamed by
// admins. A name is looked up as: the reader's language → French → the shipped name in code.
//
// All rows (24-odd) are read in one query and kept per process: an admin's rename clears this
// process's copy after its commit; other API processes (API_PROCESSES > 1, several machines) see it
// when their copy expires, at most LEVEL_NAMES_TTL_MS later.
import { LevelName } from '@mdsc/db';
import {
  DEFAULT_LOCALE,
  defaultLevelName,
  LEVELS,
  type LevelRenameInput,
  type Locale,
  type NotificationDto,
} from '@mdsc/validators';
import type { Actor, CoreDeps } from '../deps';
import { ForbiddenError } from '../errors';
import { transact } from '../transaction';

export const LEVEL_NAMES_TTL_MS = 60_000;

/** The cache's clock (the system clock where a service has none). */
type ClockDeps = Partial<Pick<CoreDeps, 'clock'>>;

/** Stored names: locale → level → name. */
type Stored = ReadonlyMap<string, ReadonlyMap<number, string>>;

let cached: { rows: Stored; at: number } | null = null;
let loading: Promise<Stored> | null = null;
/** Bumped by every clear: a read that started before it does not fill the cache with older rows. */
let generation = 0;

async function readStored(): Promise<Stored> {
  const rows = await LevelName.findAll({ attributes: ['level', 'locale', 'name'], raw: true });
  const out = new Map<string, Map<number, string>>();
  for (const r of rows) {
    const byLevel = out.get(r.locale) ?? new Map<number, string>();
    byLevel.set(Number(r.level), r.name);
    out.set(r.locale, byLevel);
  }
  return out;
}

async function stored(deps: ClockDeps): Promise<Stored> {
  const now = (deps.clock?.now() ?? new Date()).getTime();
  if (cached && now - cached.at < LEVEL_NAMES_TTL_MS && now >= cached.at) return cached.rows;
  // Concurrent misses share one read.
  if (!loading) {
    const gen = generation;
    loading = readStored()
      .then((rows) => {
        if (gen === generation) cached = { rows, at: now };
        return rows;
      })
      .finally(() => {
        loading = null;
      });
  }
  return loading;
}

/** Forgets this process's copy (after a rename commits; tests). */
export function clearLevelNamesCache(): void {
  generation += 1;
  cached = null;
  loading = null;
}

/** A level's name from the stored rows: `locale` → French → the shipped name in `locale`. */
function pick(rows: Stored, level: number, locale: string): string {
  return rows.get(locale)?.get(level) ?? rows.get(DEFAULT_LOCALE)?.get(level) ?? defaultLevelName(level, locale);
}

/** Names levels in `locale`: at most one query (none while the cache is fresh), whatever is named after. */
export async function levelNamer(deps: ClockDeps, locale: Locale): Promise<(level: number) => string> {
  const rows = await stored(deps);
  return (level) => pick(rows, level, locale);
}

/** The name of one level in `locale`. */
export async function levelName(deps: ClockDeps, level: number, locale: Locale): Promise<string> {
  return (await levelNamer(deps, locale))(level);
}

/** An XP bar (levelProgress) with its level named in `locale`. */
export async function localizeLevel<T extends { level: number; name: string }>(
  deps: ClockDeps,
  progress: T,
  locale: Locale,
): Promise<T> {
  return { ...progress, name: await levelName(deps, progress.level, locale) };
}

/**
 * Level-up notifications named in `locale` when they are shown (the stored `levelName` is the
 * French name of the day it was sent): no query when the list has none, or the cache is fresh.
 */
export async function nameLevelUps<T extends NotificationDto>(deps: ClockDeps, items: T[], locale: Locale): Promise<T[]> {
  if (!items.some((n) => n.type === 'level_up')) return items;
  const nameOf = await levelNamer(deps, locale);
  return items.map((n) => (n.type === 'level_up' ? { ...n, data: { ...n.data, levelName: nameOf(n.data.level) } } : n));
}

// ------------------------------------------------------------------ admin

/** A level as the admin screen shows it. */
export interface LevelAdminDto {
  /** The level's number (also its id in the admin list). */
  id: number;
  level: number;
  minXp: number;
  /** French name (stored, else shipped). */
  name: string;
  /** English name as stored (null: readers in English see the French name). */
  nameEn: string | null;
  /** The shipped names, for "reset" hints. */
  defaultName: string;
  defaultNameEn: string;
}

function assertAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw new ForbiddenError('Admins only');
}

function adminDtos(rows: Stored): LevelAdminDto[] {
  return LEVELS.map((l) => ({
    id: l.level,
    level: l.level,
    minXp: l.minXp,
    name: pick(rows, l.level, DEFAULT_LOCALE),
    nameEn: rows.get('en')?.get(l.level) ?? null,
    defaultName: l.name,
    defaultNameEn: l.nameEn,
  }));
}

/** Every level with its names (read fresh, not from the cache: the admin sees what is stored). */
export async function listLevelsAdmin(_deps: CoreDeps, actor: Actor): Promise<LevelAdminDto[]> {
  assertAdmin(actor);
  return adminDtos(await readStored());
}

/**
 * Renames a level in French and English (an empty English name deletes it: English readers then see
 * the French one). Admins only; `input` has passed levelRenameInput (the router's), so nothing
 * is written for a bad one.
 */
export async function renameLevel(deps: CoreDeps, actor: Actor, input: LevelRenameInput): Promise<LevelAdminDto> {
  assertAdmin(actor);
  await transact(deps, 'gamification.renameLevel', async (transaction) => {
    await LevelName.upsert({ level: input.level, locale: 'fr', name: input.name }, { transaction });
    if (input.nameEn === null) await LevelName.destroy({ where: { level: input.level, locale: 'en' }, transaction });
    else await LevelName.upsert({ level: input.level, locale: 'en', name: input.nameEn }, { transaction });
  });
  clearLevelNamesCache();
  return adminDtos(await readStored())[input.level - 1];
}
