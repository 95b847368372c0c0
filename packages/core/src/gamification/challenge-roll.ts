// The `maintenance/roll-challenges` job: closes challenges whose window ended (with a day of grace
// so that events from the last day, processed a little late, still count) and opens the next
// window of the recurring ones (weekly, monthly). Idempotent: each challenge is closed once, under
// a row lock, and only the transaction that closes it opens its successor.
import { Challenge } from '@mdsc/db';
import { Op } from 'sequelize';
import type { CoreDeps } from '../deps';
import { forUpdate, selectRows } from './sql';
import { addDays, daysBetween, localDay } from './time';
import { transact } from '../transaction';

function addMonths(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const last = new Date(Date.UTC(y, m - 1 + n + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + n, Math.min(d, last))).toISOString().slice(0, 10);
}

/** The next window of a recurring challenge that is not already over on `today`. */
export function nextWindow(
  c: { type: string; startDate: string; endDate: string },
  today: string,
): { startDate: string; endDate: string } | null {
  if (c.type !== 'weekly' && c.type !== 'monthly') return null;
  let { startDate, endDate } = c;
  const span = daysBetween(startDate, endDate);
  do {
    if (c.type === 'weekly') {
      startDate = addDays(startDate, 7);
      endDate = addDays(startDate, span);
    } else {
      // Calendar months stay calendar months (1st → last day); other windows keep their length.
      const wholeMonth = startDate.endsWith('-01') && addDays(endDate, 1).endsWith('-01');
      startDate = addMonths(startDate, 1);
      endDate = wholeMonth ? addDays(addMonths(startDate, 1), -1) : addDays(startDate, span);
    }
  } while (endDate < today);
  return { startDate, endDate };
}

export async function rollChallenges(deps: CoreDeps): Promise<{ closed: number; opened: number }> {
  const today = localDay(deps.clock.now(), deps.config.timezone);
  const graceEnd = addDays(today, -1);
  const ended = await Challenge.findAll({ where: { isActive: true, endDate: { [Op.lt]: today } }, attributes: ['id'] });
  let closed = 0;
  let opened = 0;
  for (const { id } of ended) {
    // Counted from what the committed run did (a retried run must not count twice).
    const done = await transact(deps, 'gamification.rollChallenges', async (transaction) => {
      const did = { closed: 0, opened: 0 };
      const [locked] = await selectRows<{ id: number }>(
        deps.db,
        `SELECT id FROM challenges WHERE id = ? AND is_active = ?${forUpdate(deps.db)}`,
        [id, true],
        transaction,
      );
      if (!locked) return did; // closed by a concurrent run
      const c = (await Challenge.findByPk(id, { transaction }))!;
      // The next window opens as soon as this one is over…
      const next = nextWindow(c, today);
      if (next) {
        const exists = await Challenge.count({
          where: { name: c.name, type: c.type, startDate: next.startDate },
          transaction,
        });
        if (exists === 0) {
          await Challenge.create(
            {
              name: c.name,
              description: c.description,
              type: c.type,
              criteria: c.criteria,
              rewardXp: c.rewardXp,
              rewardBadgeId: c.rewardBadgeId,
              startDate: next.startDate,
              endDate: next.endDate,
              isActive: true,
            },
            { transaction },
          );
          did.opened++;
        }
      }
      // …and this one is closed a day later.
      if (c.endDate < graceEnd) {
        await c.update({ isActive: false }, { transaction });
        did.closed++;
      }
      return did;
    });
    closed += done.closed;
    opened += done.opened;
  }
  return { closed, opened };
}
