import { hash, type Algorithm } from '@node-rs/argon2';
import type { Sequelize } from 'sequelize-typescript';
import type { Role } from '../constants';
import { Category, Course, CourseModule, Lesson, Quiz, QuizQuestion, User } from '../models/index';
import { DEMO_COURSES, type DemoQuiz } from './demo-content';
import { findOrCreateBy, type SeedContext } from './find-or-create';
import { seedReference } from './reference';

// Demo data for embedded/demo installs (the CLI refuses it in production).

export interface DemoAccount {
  email: string;
  role: Role;
  firstName: string;
  lastName: string;
  country: string;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: 'admin@mdsc.test', role: 'admin', firstName: 'Mariam', lastName: 'Koné', country: 'Mali' },
  {
    email: 'instructeur@mdsc.test',
    role: 'instructor',
    firstName: 'Jean-Baptiste',
    lastName: 'Hounkpè',
    country: 'Bénin',
  },
  {
    email: 'etudiant@mdsc.test',
    role: 'student',
    firstName: 'Awa',
    lastName: 'Traoré',
    country: 'Burkina Faso',
  },
  {
    email: 'aminata.diallo@mdsc.test',
    role: 'student',
    firstName: 'Aminata',
    lastName: 'Diallo',
    country: 'Sénégal',
  },
  {
    email: 'koffi.mensah@mdsc.test',
    role: 'student',
    firstName: 'Koffi',
    lastName: 'Mensah',
    country: 'Togo',
  },
  {
    email: 'moussa.ouedraogo@mdsc.test',
    role: 'student',
    firstName: 'Moussa',
    lastName: 'Ouédraogo',
    country: "Côte d'Ivoire",
  },
];

export const DEMO_INSTRUCTOR_EMAIL = 'instructeur@mdsc.test';
const INSTRUCTOR_EMAIL = DEMO_INSTRUCTOR_EMAIL;

// @node-rs/argon2 declares Algorithm as an ambient const enum: `Algorithm.Argon2id` fails
// type-checking under isolatedModules and is `undefined` at run time (the binding exports `{}`),
// so the value (2) is written out.
const ARGON2ID = 2 as Algorithm.Argon2id;
export const hashDemoPassword = (password: string): Promise<string> =>
  hash(password, { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 });

export interface SeedDemoResult {
  /** true when this run created anything (first start): the caller can print the logins. */
  created: boolean;
}

async function seedQuiz(
  quiz: DemoQuiz,
  key: { courseId: number; lessonId: number | null; isFinal: boolean },
  ctx: SeedContext,
): Promise<void> {
  const where =
    key.lessonId === null ? { courseId: key.courseId, isFinal: true } : { lessonId: key.lessonId };
  const row = await findOrCreateBy(
    Quiz,
    where,
    {
      courseId: key.courseId,
      lessonId: key.lessonId,
      title: quiz.title,
      description: quiz.description,
      passingScore: quiz.passingScore,
      timeLimitMinutes: quiz.timeLimitMinutes ?? null,
      isFinal: key.isFinal,
      isPublished: true,
    },
    ctx,
  );
  for (const [i, q] of quiz.questions.entries()) {
    await findOrCreateBy(
      QuizQuestion,
      { quizId: row.id, orderIndex: i + 1 },
      {
        quizId: row.id,
        orderIndex: i + 1,
        questionText: q.questionText,
        questionType: q.questionType,
        options: q.options ?? null,
        correctAnswer: q.correctAnswer ?? null,
        points: q.points ?? 1,
        explanation: q.explanation ?? null,
      },
      ctx,
    );
  }
}

/**
 * Demo accounts (all sharing `password`), two published courses with modules, lessons and quizzes.
 * Seeds the reference data first. Idempotent: existing rows (matched by e-mail, slug, position)
 * are kept as they are, passwords included.
 */
export async function seedDemo(sequelize: Sequelize, opts: { password: string }): Promise<SeedDemoResult> {
  await seedReference(sequelize);
  // Hash outside the transaction (tens of ms each), only if some account is missing.
  const existing = await User.count({ where: { email: DEMO_ACCOUNTS.map((a) => a.email) }, paranoid: false });
  const passwordHash = existing < DEMO_ACCOUNTS.length ? await hashDemoPassword(opts.password) : '';

  return sequelize.transaction(async (transaction) => {
    const ctx: SeedContext = { transaction, created: 0 };
    for (const account of DEMO_ACCOUNTS) {
      await findOrCreateBy(
        User,
        { email: account.email },
        { ...account, password: passwordHash, isEmailVerified: true, isActive: true, organization: 'MdSC' },
        ctx,
      );
    }
    const instructor = await User.findOne({
      where: { email: INSTRUCTOR_EMAIL },
      transaction,
      paranoid: false,
    });
    if (!instructor) throw new Error(`Demo instructor ${INSTRUCTOR_EMAIL} missing`);

    for (const demo of DEMO_COURSES) {
      const category = await Category.findOne({ where: { name: demo.categoryName }, transaction });
      if (!category) throw new Error(`Reference category "${demo.categoryName}" missing`);
      const { modules, finalQuiz, categoryName: _categoryName, ...fields } = demo;
      const course = await findOrCreateBy(
        Course,
        { slug: demo.slug },
        {
          ...fields,
          instructorId: instructor.id,
          categoryId: category.id,
          currency: 'XOF',
          isPublished: true,
        },
        ctx,
      );
      for (const [m, mod] of modules.entries()) {
        const moduleRow = await findOrCreateBy(
          CourseModule,
          { courseId: course.id, orderIndex: m + 1 },
          {
            courseId: course.id,
            orderIndex: m + 1,
            title: mod.title,
            description: mod.description,
            isUnlocked: m === 0,
          },
          ctx,
        );
        for (const [l, { quiz, media: _media, ...lesson }] of mod.lessons.entries()) {
          const lessonRow = await findOrCreateBy(
            Lesson,
            { courseId: course.id, moduleId: moduleRow.id, orderIndex: l + 1 },
            { ...lesson, courseId: course.id, moduleId: moduleRow.id, orderIndex: l + 1, isPublished: true },
            ctx,
          );
          if (quiz)
            await seedQuiz(quiz, { courseId: course.id, lessonId: lessonRow.id, isFinal: false }, ctx);
        }
      }
      await seedQuiz(finalQuiz, { courseId: course.id, lessonId: null, isFinal: true }, ctx);
    }
    return { created: ctx.created > 0 };
  });
}
