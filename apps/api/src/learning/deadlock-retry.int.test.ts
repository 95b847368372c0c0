// Transactions the database aborts (deadlock) are run again by the service instead of answering
// 500: a real InnoDB deadlock provoked against the enrolment transaction, and a burst of
// enrolments over HTTP.
import { Course, Enrollment, Notification } from '@mdsc/db';
import type { Actor, Logger } from '@mdsc/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLearningHarness, type LearningHarness } from '../testing/learning-harness';
import { trpcHttp } from '../testing/trpc-http';

let h: LearningHarness;
let teacher: Actor;

beforeAll(async () => {
  h = await createLearningHarness();
  teacher = await h.user('instructor');
});
afterAll(async () => h?.close());

const count = async (courseId: number) =>
  (await Course.findByPk(courseId, { attributes: ['enrollmentCount'] }))!.enrollmentCount;

/** Swaps the service logger for one that records, for the duration of `fn`. */
async function recordingLogs<T>(
  fn: () => Promise<T>,
): Promise<{ result: T; warnings: Record<string, unknown>[] }> {
  const warnings: Record<string, unknown>[] = [];
  const previous = h.deps.logger;
  const recorder: Logger = {
    info() {},
    error() {},
    warn: (obj, msg) => warnings.push({ ...(obj as object), msg }),
  };
  h.deps.logger = recorder;
  try {
    return { result: await fn(), warnings };
  } finally {
    h.deps.logger = previous;
  }
}

/** Until the enrolment's INSERT waits for a lock (this database only: the server is shared). */
async function waitForLockWait(): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const [rows] = (await h.db.sequelize.query(
      `SELECT COUNT(*) AS n FROM information_schema.INNODB_TRX t
         JOIN information_schema.PROCESSLIST p ON p.ID = t.trx_mysql_thread_id
        WHERE t.trx_state = 'LOCK WAIT' AND p.DB = DATABASE() AND t.trx_query LIKE 'INSERT INTO \`enrollments\`%'`,
    )) as [{ n: number }[], unknown];
    if (Number(rows[0].n) > 0) return;
    // InnoDB refreshes these tables only when they were not read in the last 0.1 s.
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error('the enrolment never waited for the lock');
}

describe('deadlocks are retried', () => {
  it('an enrolment chosen as the deadlock victim is run again and succeeds, counted once', async () => {
    const course = await h.course(teacher);
    const student = await h.user();
    let enrolling: Promise<unknown> | null = null;

    const { warnings } = await recordingLogs(async () => {
      // A heavier transaction locks the gap where the student's enrolment row would go, lets the
      // enrolment lock the course row and wait on that gap (its INSERT INTO enrollments), then asks
      // for the course row: a lock cycle. InnoDB rolls back the lighter one — the enrolment.
      await h.db.sequelize
        .transaction(async (tx) => {
          for (let i = 0; i < 20; i++) {
            await Notification.create(
              { userId: teacher.id, payload: JSON.stringify({ type: 'weight', data: { i } }), isRead: false },
              { transaction: tx },
            );
          }
          await h.db.sequelize.query(
            'SELECT id FROM enrollments WHERE user_id = ? AND course_id = ? FOR UPDATE',
            {
              replacements: [student.id, course.id],
              transaction: tx,
            },
          );
          enrolling = h.caller(student).enrollments.enroll({ courseId: course.id });
          enrolling.catch(() => {}); // awaited below
          await waitForLockWait();
          await h.db.sequelize.query('UPDATE courses SET updated_at = updated_at WHERE id = ?', {
            replacements: [course.id],
            transaction: tx,
          });
          throw new Error('roll back the blocker');
        })
        .catch((err: Error) => {
          if (err.message !== 'roll back the blocker') throw err;
        });
      return enrolling;
    });

    const enrollment = (await (enrolling as Promise<unknown> | null)) as {
      courseId: number;
      isActive: boolean;
    };
    expect(enrollment).toMatchObject({ courseId: course.id, isActive: true });
    expect(warnings).toContainEqual(
      expect.objectContaining({ transaction: 'learning.enroll', kind: 'deadlock', attempt: 1 }),
    );
    expect(await count(course.id)).toBe(1);
    expect(await Enrollment.count({ where: { userId: student.id, courseId: course.id } })).toBe(1);
    const notes = await Notification.findAll({ where: { userId: student.id } });
    expect(notes.filter((n) => JSON.parse(n.payload).type === 'enrolment')).toHaveLength(1);
    const weights = await Notification.findAll({ where: { userId: teacher.id } });
    expect(weights.filter((n) => JSON.parse(n.payload).type === 'weight')).toHaveLength(0);
  });

  it('30 learners enrolling in one course at once over HTTP all get 200, and the counter says 30', async () => {
    const course = await h.course(teacher);
    const students = await Promise.all(Array.from({ length: 30 }, () => h.user()));
    const { base, bearer } = await h.http();
    const tokens = await Promise.all(students.map((s) => bearer(s)));
    const api = trpcHttp(base, 'http://app.mdsc.test');
    const responses = await Promise.all(
      tokens.map((token) => api.mutation('enrollments.enroll', { courseId: course.id }, { bearer: token })),
    );
    expect(responses.map((r) => r.status)).toEqual(students.map(() => 200));
    expect(await count(course.id)).toBe(30);
    expect(await Enrollment.count({ where: { courseId: course.id, isActive: true } })).toBe(30);
  });
});
