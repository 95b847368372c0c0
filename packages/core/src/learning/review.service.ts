// Course reviews: an enrolled learner rates a course once (and may edit it); courses.rating is the
// average of the ratings, recomputed in the same transaction under the course row's lock.
import { Course, CourseReview, Enrollment, User } from '@mdsc/db';
import type { ReviewListInput, ReviewUpsertInput } from '@mdsc/validators';
import { Op, QueryTypes, UniqueConstraintError } from 'sequelize';
import { toIso } from '../catalog/access';
import type { Actor, CoreDeps } from '../deps';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { transact } from '../transaction';

type Deps = Pick<CoreDeps, 'db' | 'clock'>;

export interface ReviewDto {
  id: number;
  rating: number;
  comment: string | null;
  /** First name and initial: enough to be human, not a directory of learners. */
  authorName: string;
  createdAt: string;
  updatedAt: string;
  mine: boolean;
}

function toReviewDto(r: CourseReview, actor: Actor | null): ReviewDto {
  const initial = r.user?.lastName ? ` ${r.user.lastName.trim().charAt(0).toUpperCase()}.` : '';
  return {
    id: r.id,
    rating: r.rating,
    comment: r.comment ?? null,
    authorName: `${r.user?.firstName ?? ''}${initial}`.trim(),
    createdAt: toIso(r.createdAt)!,
    updatedAt: toIso(r.updatedAt)!,
    mine: !!actor && actor.id === r.userId,
  };
}

export async function upsertReview(deps: Deps, actor: Actor, input: ReviewUpsertInput): Promise<ReviewDto> {
  const enrolled = await Enrollment.findOne({ attributes: ['id'], where: { userId: actor.id, courseId: input.courseId } });
  if (!enrolled) throw new ForbiddenError('Only learners of this course can review it', { reason: 'not_enrolled' });
  const run = () =>
    transact(deps, 'learning.upsertReview', async (transaction) => {
      // The course row's lock orders concurrent reviews of one course: each average sees the others.
      const course = await Course.findByPk(input.courseId, { attributes: ['id'], lock: transaction.LOCK.UPDATE, transaction });
      if (!course) throw new NotFoundError('Course', { id: input.courseId });
      const existing = await CourseReview.findOne({ where: { userId: actor.id, courseId: input.courseId }, transaction });
      // Timestamps from the injected clock (silent: Sequelize would stamp its own).
      const now = deps.clock.now();
      if (existing) {
        await CourseReview.update(
          { rating: input.rating, comment: input.comment, updatedAt: now },
          { where: { id: existing.id }, transaction, silent: true },
        );
      } else {
        await CourseReview.create(
          { userId: actor.id, courseId: input.courseId, rating: input.rating, comment: input.comment, createdAt: now, updatedAt: now },
          { transaction, silent: true },
        );
      }
      const review = (await CourseReview.findOne({ where: { userId: actor.id, courseId: input.courseId }, transaction }))!;
      const [{ avg }] = await deps.db.sequelize.query<{ avg: number | string | null }>(
        'SELECT AVG(rating) AS avg FROM course_reviews WHERE course_id = ?',
        { replacements: [input.courseId], type: QueryTypes.SELECT, transaction },
      );
      await Course.update(
        { rating: Math.round(Number(avg ?? 0) * 100) / 100 },
        { where: { id: input.courseId }, transaction, silent: true },
      );
      return review;
    });
  let review: CourseReview;
  try {
    review = await run();
  } catch (err) {
    // A first review sent twice at once: the loser retries as an edit.
    if (!(err instanceof UniqueConstraintError)) throw err;
    review = await run();
  }
  const user = await User.findByPk(actor.id, { attributes: ['firstName', 'lastName'] });
  review.user = user ?? undefined;
  return toReviewDto(review, actor);
}

export interface ReviewPageDto {
  average: number;
  count: number;
  /** Ratings 1 to 5 → how many. */
  distribution: Record<1 | 2 | 3 | 4 | 5, number>;
  mine: ReviewDto | null;
  items: ReviewDto[];
  nextCursor: string | null;
}

function decodeCursor(cursor: string): { t: string; id: number } {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { t: string; id: number };
    if (typeof v.t === 'string' && Number.isInteger(v.id)) return v;
  } catch {
    /* falls through */
  }
  throw new ValidationError('cursor', 'Invalid cursor');
}

/** A course's reviews, newest edit first (keyset pagination), with the average and distribution. */
export async function listReviews(_deps: Deps, actor: Actor | null, input: ReviewListInput): Promise<ReviewPageDto> {
  const course = await Course.findByPk(input.courseId, { attributes: ['id', 'isPublished', 'instructorId'] });
  const canSee = course && (course.isPublished || actor?.role === 'admin' || actor?.id === course.instructorId);
  if (!canSee) throw new NotFoundError('Course', { id: input.courseId });
  const where: Record<string | symbol, unknown> = { courseId: input.courseId };
  if (input.cursor) {
    const c = decodeCursor(input.cursor);
    const t = new Date(c.t);
    where[Op.or] = [{ updatedAt: { [Op.lt]: t } }, { updatedAt: t, id: { [Op.lt]: c.id } }];
  }
  const include = [{ model: User, as: 'user', attributes: ['firstName', 'lastName'] }];
  const [rows, stats, mine] = await Promise.all([
    CourseReview.findAll({ where, include, order: [['updatedAt', 'DESC'], ['id', 'DESC']], limit: input.limit + 1 }),
    CourseReview.findAll({
      attributes: ['rating', [CourseReview.sequelize!.fn('COUNT', CourseReview.sequelize!.col('id')), 'n']],
      where: { courseId: input.courseId },
      group: ['rating'],
      raw: true,
    }) as unknown as Promise<{ rating: number; n: number | string }[]>,
    actor ? CourseReview.findOne({ where: { courseId: input.courseId, userId: actor.id }, include }) : null,
  ]);
  const distribution: ReviewPageDto['distribution'] = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  let count = 0;
  let sum = 0;
  for (const s of stats) {
    const n = Number(s.n);
    distribution[s.rating as 1 | 2 | 3 | 4 | 5] = n;
    count += n;
    sum += n * s.rating;
  }
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return {
    average: count ? Math.round((sum / count) * 100) / 100 : 0,
    count,
    distribution,
    mine: mine ? toReviewDto(mine, actor) : null,
    items: page.map((r) => toReviewDto(r, actor)),
    nextCursor:
      rows.length > input.limit && last
        ? Buffer.from(JSON.stringify({ t: toIso(last.updatedAt), id: last.id })).toString('base64url')
        : null,
  };
}
