// Some learning by the demo students, so that a demo's leaderboards, progress bars and analytics are
// not empty. It goes through the real services (enrol, watch, complete, take quizzes), so XP,
// badges, streaks and certificates come from the ledger and jobs exactly as for a real learner.
// The main demo login (etudiant@mdsc.test) is left untouched: a visitor starts from zero with it.
// Idempotent: a student already enrolled in a course is skipped for that course.
import { Course, CourseModule, Enrollment, Lesson, MediaFile, Quiz, QuizQuestion, User, Voucher } from '@mdsc/db';
import type { QuizAnswerValue } from '@mdsc/validators';
import type { Actor, CoreDeps } from '../deps';
import { enroll } from '../learning/enrollment.service';
import { checkout } from '../payments/checkout.service';
import { confirmTransfer } from '../payments/orders.service';
import { completeLesson, heartbeat, startLesson } from '../learning/progress.service';
import { startAttempt, submitAttempt } from '../quizzes/attempt.service';
import { acceptedAnswers } from '../quizzes/grading';

interface Plan {
  email: string;
  slug: string;
  /** How many lessons to go through, in reading order (Infinity: all, then the final quiz). */
  lessons: number;
  /** A failed attempt before the passing one on each quiz met. */
  failFirst?: boolean;
  /** Priced course: paid with the demo sponsor voucher, or by a transfer the admin confirms. */
  paidBy?: 'voucher' | 'transfer';
}

/** The demo sponsor code (issue 13): a free seat in the priced demo course. */
export const DEMO_VOUCHER_CODE = 'ONG-DEMO-2026';

const GOUVERNANCE = 'gouvernance-associative-fondamentaux';
const PLAIDOYER = 'plaidoyer-mobilisation-citoyenne';

export const DEMO_ACTIVITY: readonly Plan[] = [
  { email: 'aminata.diallo@mdsc.test', slug: GOUVERNANCE, lessons: Infinity },
  { email: 'aminata.diallo@mdsc.test', slug: PLAIDOYER, lessons: 2, paidBy: 'voucher' },
  { email: 'koffi.mensah@mdsc.test', slug: GOUVERNANCE, lessons: 3, failFirst: true },
  // One certificate is enough for the demo: each one is a PDF, a QR code and an e-mail at first boot.
  { email: 'moussa.ouedraogo@mdsc.test', slug: PLAIDOYER, lessons: 4, failFirst: true, paidBy: 'transfer' },
  { email: 'moussa.ouedraogo@mdsc.test', slug: GOUVERNANCE, lessons: 1 },
];

/** Right (or deliberately wrong) answers to every question of a quiz, from the stored questions. */
async function answersFor(quizId: number, right: boolean) {
  const questions = await QuizQuestion.findAll({
    where: { quizId, isActive: true },
    order: [['orderIndex', 'ASC']],
  });
  return questions.map((q) => {
    let answer: QuizAnswerValue;
    if (q.questionType === 'multiple_choice') {
      const options = q.options ?? [];
      answer = options.flatMap((o, i) => (!!o.correct === right ? [i] : []));
    } else if (q.questionType === 'true_false') {
      answer = (q.correctAnswer === 'true') === right;
    } else {
      answer = right ? (acceptedAnswers(q.correctAnswer)[0] ?? '') : 'je ne sais pas';
    }
    return { questionId: q.id, answer };
  });
}

export interface DemoActivityOptions {
  /**
   * Resolves once the jobs enqueued so far have run. Embedded mode passes the inline queue's: on
   * SQLite (one writer) the next step otherwise waits on the lock the jobs hold.
   */
  settle?: () => Promise<void>;
}

async function takeQuiz(
  deps: CoreDeps,
  actor: Actor,
  quizId: number,
  failFirst: boolean,
  settle: () => Promise<void>,
) {
  if (failFirst) {
    const a = await startAttempt(deps, actor, quizId);
    await submitAttempt(deps, actor, { attemptId: a.attemptId, answers: await answersFor(quizId, false) });
    await settle();
  }
  const a = await startAttempt(deps, actor, quizId);
  await submitAttempt(deps, actor, { attemptId: a.attemptId, answers: await answersFor(quizId, true) });
  await settle();
}

async function follow(
  deps: CoreDeps,
  actor: Actor,
  course: Course,
  plan: Plan,
  settle: () => Promise<void>,
): Promise<void> {
  if (plan.paidBy === 'voucher') {
    await checkout(deps, actor, { courseId: course.id, method: 'voucher', voucherCode: DEMO_VOUCHER_CODE });
  } else if (plan.paidBy === 'transfer') {
    const { order } = await checkout(deps, actor, { courseId: course.id, method: 'transfer' });
    const admin = await User.findOne({ where: { role: 'admin' }, attributes: ['id'] });
    if (!admin) throw new Error('demo: no admin to confirm the transfer');
    await confirmTransfer(deps, { id: admin.id, role: 'admin', emailVerified: true, locale: 'fr' }, order.id, 'VIR-DEMO-0001');
  } else {
    await enroll(deps, actor, course.id);
  }
  await settle();
  const lessons = await Lesson.findAll({
    where: { courseId: course.id, isPublished: true },
    attributes: ['id', 'moduleId', 'orderIndex', 'contentType'],
    include: [{ model: MediaFile, as: 'mediaFile', attributes: ['id', 'duration'] }],
  });
  const modules = await CourseModule.findAll({
    where: { courseId: course.id },
    attributes: ['id', 'orderIndex'],
  });
  const rank = new Map(modules.map((m) => [m.id, m.orderIndex]));
  lessons.sort(
    (a, b) =>
      (rank.get(a.moduleId ?? -1) ?? 1e9) - (rank.get(b.moduleId ?? -1) ?? 1e9) ||
      a.orderIndex - b.orderIndex,
  );
  const quizzes = await Quiz.findAll({
    where: { courseId: course.id, isPublished: true },
    attributes: ['id', 'lessonId', 'isFinal'],
  });
  for (const lesson of lessons.slice(0, plan.lessons)) {
    const quiz = quizzes.find((q) => q.lessonId === lesson.id);
    if (quiz) {
      await takeQuiz(deps, actor, quiz.id, !!plan.failFirst, settle);
      continue;
    }
    if (lesson.contentType === 'video' || lesson.contentType === 'audio') {
      // Played to the end, as the player's heartbeats would report it: the lesson is opened as many
      // seconds ago as it lasts, so the server's elapsed-time rule credits the listening honestly.
      const duration = Number(lesson.mediaFile?.duration ?? 0) || 5;
      const played = Math.ceil(duration);
      const openedEarlier = { ...deps, clock: { now: () => new Date(deps.clock.now().getTime() - (played + 1) * 1000) } };
      await startLesson(openedEarlier, actor, lesson.id);
      await heartbeat(deps, actor, { lessonId: lesson.id, seconds: played, positionSeconds: duration });
    }
    await completeLesson(deps, actor, lesson.id);
    await settle();
  }
  const final = quizzes.find((q) => q.isFinal);
  if (plan.lessons === Infinity && final) await takeQuiz(deps, actor, final.id, false, settle);
}

/** The demo's sponsor code for the priced course (20 seats), once. */
async function seedDemoVoucher(): Promise<void> {
  const course = await Course.findOne({ where: { slug: PLAIDOYER }, attributes: ['id', 'instructorId'] });
  if (!course || (await Voucher.findOne({ where: { code: DEMO_VOUCHER_CODE }, attributes: ['id'] }))) return;
  await Voucher.create({
    code: DEMO_VOUCHER_CODE,
    courseId: course.id,
    kind: 'full',
    percentOff: null,
    maxUses: 20,
    expiresAt: null,
    sponsorName: 'ONG Solidarité Bénin (démo)',
    createdBy: course.instructorId,
  });
}

export interface DemoActivityResult {
  followed: number;
}

/** Runs the demo students' plans not done yet. A plan that fails is logged and skipped. */
export async function seedDemoActivity(
  deps: CoreDeps,
  opts: DemoActivityOptions = {},
): Promise<DemoActivityResult> {
  const settle = opts.settle ?? (() => Promise.resolve());
  let followed = 0;
  await seedDemoVoucher();
  for (const plan of DEMO_ACTIVITY) {
    const [user, course] = await Promise.all([
      User.findOne({
        where: { email: plan.email },
        attributes: ['id', 'role', 'isEmailVerified', 'language'],
      }),
      Course.findOne({ where: { slug: plan.slug }, attributes: ['id', 'isPublished'] }),
    ]);
    if (!user || !course?.isPublished) continue;
    if (await Enrollment.findOne({ where: { userId: user.id, courseId: course.id }, attributes: ['id'] }))
      continue;
    const actor: Actor = {
      id: user.id,
      role: user.role,
      emailVerified: !!user.isEmailVerified,
      locale: 'fr',
    };
    try {
      await follow(deps, actor, course, plan, settle);
      followed++;
    } catch (err) {
      deps.logger.warn({ err, email: plan.email, slug: plan.slug }, 'demo activity stopped early');
    }
  }
  if (followed) deps.logger.info({ followed }, 'demo activity seeded');
  return { followed };
}
