// Leaderboards: global (user_xp), this month (xp_monthly_totals) and per category
// (xp_category_totals), all three running sums of the ledger read in index order: a page is an
// index range, the viewer's rank a count on the same index. Competition ranking: equal XP, equal
// rank; ties listed by user id. Learners who opted out keep their place but are anonymous;
// deleted and deactivated accounts are not ranked.
import type { LeaderboardInput, LeaderboardScope, Locale } from '@mdsc/validators';
import type { Actor, CoreDeps } from '../deps';
import { levelNamer } from './level-names';
import { monthOf } from './rollups';
import { selectRows } from './sql';

export interface LeaderboardEntry {
  rank: number;
  /** null for anonymous learners (except the viewer's own row). */
  userId: number | null;
  name: string | null;
  avatarUrl: string | null;
  anonymous: boolean;
  xp: number;
  /** The learner's overall level. */
  level: number;
  /** That level's name in the reader's language. */
  levelName: string;
  isViewer: boolean;
}

export interface LeaderboardDto {
  scope: LeaderboardScope;
  categoryId: number | null;
  /** For "month": the first day of the month (platform time zone). */
  periodStart: string | null;
  entries: LeaderboardEntry[];
  /** The viewer's own place, even outside the page; null when they have no XP in this board. */
  viewer: { rank: number; xp: number } | null;
  hasMore: boolean;
}

interface Row {
  user_id: number;
  xp: number;
  level: number | null;
  first_name: string;
  last_name: string;
  avatar_url: string | null;
  hide_from_leaderboard: number | boolean;
}

/** Where a board's numbers live: a table, its XP column and the filter selecting the board. */
interface Source {
  from: string;
  xp: string;
  where: string;
  params: unknown[];
  levelJoin: string;
}

const VISIBLE = 'u.deleted_at IS NULL AND u.is_active = ?';
/** Deleted or deactivated accounts (few; found through idx_deleted_at and idx_is_active). */
const HIDDEN_USERS = 'SELECT id FROM users WHERE deleted_at IS NOT NULL OR is_active = ?';

function sourceFor(deps: CoreDeps, input: LeaderboardInput): Source & { periodStart: string | null } {
  if (input.scope === 'global') {
    return { from: 'user_xp t', xp: 't.total_xp', where: '1 = 1', params: [], levelJoin: '', periodStart: null };
  }
  const levelJoin = 'LEFT JOIN user_xp x ON x.user_id = p.user_id';
  if (input.scope === 'month') {
    const month = monthOf(deps.clock.now(), deps.config.timezone);
    return { from: 'xp_monthly_totals t', xp: 't.xp', where: 't.month = ?', params: [month], levelJoin, periodStart: month };
  }
  return { from: 'xp_category_totals t', xp: 't.xp', where: 't.category_id = ?', params: [input.categoryId], levelJoin, periodStart: null };
}

function entryOf(r: Row, rank: number, viewerId: number, nameOf: (level: number) => string): LeaderboardEntry {
  const isViewer = Number(r.user_id) === viewerId;
  const anonymous = Boolean(Number(r.hide_from_leaderboard));
  const shown = !anonymous || isViewer;
  return {
    rank,
    userId: shown ? Number(r.user_id) : null,
    // First name and initial: enough to recognise oneself and friends, not to profile anyone.
    name: shown ? `${r.first_name} ${r.last_name ? `${r.last_name.charAt(0)}.` : ''}`.trim() : null,
    avatarUrl: shown ? (r.avatar_url ?? null) : null,
    anonymous,
    xp: Number(r.xp),
    level: Number(r.level ?? 1),
    levelName: nameOf(Number(r.level ?? 1)),
    isViewer,
  };
}

export async function getLeaderboard(
  deps: CoreDeps,
  actor: Actor,
  params: LeaderboardInput,
  locale: Locale = actor.locale,
): Promise<LeaderboardDto> {
  const { db } = deps;
  const nameOf = await levelNamer(deps, locale);
  const input = { ...params, offset: params.cursor ?? params.offset };
  const s = sourceFor(deps, input);
  // The page is read from the board's index alone (hidden accounts skipped through a small
  // materialised set), then joined to users for 21 rows: joining first lets the optimiser start
  // from users and sort them all.
  const level = s.levelJoin ? 'x.current_level' : 'p.level';
  const rows = await selectRows<Row>(
    db,
    `SELECT p.user_id, p.xp, ${level} AS level, u.first_name, u.last_name, u.avatar_url, u.hide_from_leaderboard
       FROM (SELECT t.user_id, ${s.xp} AS xp${s.levelJoin ? '' : ', t.current_level AS level'}
               FROM ${s.from}
              WHERE ${s.where} AND ${s.xp} > 0 AND t.user_id NOT IN (${HIDDEN_USERS})
              ORDER BY ${s.xp} DESC, t.user_id ASC
              LIMIT ? OFFSET ?) p
       JOIN users u ON u.id = p.user_id ${s.levelJoin}
      ORDER BY p.xp DESC, p.user_id ASC`,
    [...s.params, false, input.limit + 1, input.offset],
  );
  // Learners above a given XP: an index-only range count, minus the (few) hidden accounts above it,
  // found from the users side — joining every row above to users costs one lookup per learner.
  const countAbove = async (xp: number) => {
    const [r] = await selectRows<{ n: number; hidden: number }>(
      db,
      `SELECT (SELECT COUNT(*) FROM ${s.from} WHERE ${s.where} AND ${s.xp} > ?) AS n,
              (SELECT COUNT(*) FROM users u JOIN ${s.from} ON t.user_id = u.id AND ${s.where}
                WHERE (u.deleted_at IS NOT NULL OR u.is_active = ?) AND ${s.xp} > ?) AS hidden`,
      [...s.params, xp, ...s.params, false, xp],
    );
    return Number(r.n) - Number(r.hidden);
  };

  const page = rows.slice(0, input.limit);
  const entries: LeaderboardEntry[] = [];
  for (const [i, r] of page.entries()) {
    const prev = entries[i - 1];
    let rank: number;
    if (prev && prev.xp === Number(r.xp)) rank = prev.rank;
    else if (i > 0 || input.offset === 0) rank = input.offset + i + 1;
    else rank = (await countAbove(Number(r.xp))) + 1; // a page further down starts mid-way
    entries.push(entryOf(r, rank, actor.id, nameOf));
  }

  let viewer: LeaderboardDto['viewer'] = null;
  const own = entries.find((e) => e.isViewer);
  if (own) viewer = { rank: own.rank, xp: own.xp };
  else {
    const [me] = await selectRows<{ xp: number }>(
      db,
      `SELECT ${s.xp} AS xp FROM ${s.from} JOIN users u ON u.id = t.user_id WHERE ${s.where} AND t.user_id = ? AND ${VISIBLE}`,
      [...s.params, actor.id, true],
    );
    if (me && Number(me.xp) > 0) viewer = { rank: (await countAbove(Number(me.xp))) + 1, xp: Number(me.xp) };
  }
  return {
    scope: input.scope,
    categoryId: input.scope === 'category' ? (input.categoryId ?? null) : null,
    periodStart: s.periodStart,
    entries,
    viewer,
    hasMore: rows.length > input.limit,
  };
}
