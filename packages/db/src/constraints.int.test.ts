import { randomUUID } from 'node:crypto';
import { DatabaseError, ForeignKeyConstraintError, QueryTypes, UniqueConstraintError } from 'sequelize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Badge,
  Category,
  Course,
  CourseModule,
  createDatabase,
  Enrollment,
  Lesson,
  MediaFile,
  Progress,
  Quiz,
  QuizAttempt,
  QuizQuestion,
  User,
  type Database,
} from './index';

// Runs on the shared, already migrated test database: every row uses a unique e-mail/slug/name.

let db: Database;
const uniq = () => randomUUID().slice(0, 8);

beforeAll(() => {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is set by tooling/vitest/int-global-setup.ts');
  db = createDatabase({ url });
});

afterAll(async () => {
  await db?.close();
});

async function makeUser(role: 'student' | 'instructor' = 'student') {
  return User.create({
    email: `${role}-${uniq()}@constraints.test`,
    password: 'not-a-real-hash',
    firstName: 'Test',
    lastName: role,
    role,
  });
}

/** A course with one module holding one lesson, by a fresh instructor. */
async function makeCourse(
  extra: Partial<{ price: number; courseStartDate: Date; courseEndDate: Date }> = {},
) {
  const instructor = await makeUser('instructor');
  const category = await Category.create({ name: `Catégorie ${uniq()}` });
  const course = await Course.create({
    title: 'Cours de test',
    slug: `cours-${uniq()}`,
    instructorId: instructor.id,
    categoryId: category.id,
    ...extra,
  });
  const module = await CourseModule.create({ courseId: course.id, title: 'Module 1', orderIndex: 1 });
  const lesson = await Lesson.create({
    courseId: course.id,
    moduleId: module.id,
    title: 'Leçon 1',
    contentType: 'text',
    orderIndex: 1,
  });
  return { instructor, category, course, module, lesson };
}

describe('database constraints (MySQL/MariaDB)', () => {
  it('rejects a progress above 100 % (CHECK)', async () => {
    const { course, lesson } = await makeCourse();
    const student = await makeUser();
    const enrollment = await Enrollment.create({ userId: student.id, courseId: course.id });
    await expect(
      Progress.create({ enrollmentId: enrollment.id, lessonId: lesson.id, completionPercentage: 101 }),
    ).rejects.toThrow(/chk_progress_completion/);
    await expect(
      Progress.create({ enrollmentId: enrollment.id, lessonId: lesson.id, completionPercentage: 101 }),
    ).rejects.toBeInstanceOf(DatabaseError); // not a UniqueConstraintError: callers map that to CONFLICT
    await expect(enrollment.update({ progressPercentage: 100.5 })).rejects.toThrow(
      /chk_enrollments_progress/,
    );
    const ok = await Progress.create({
      enrollmentId: enrollment.id,
      lessonId: lesson.id,
      completionPercentage: 100,
    });
    expect(ok.completionPercentage).toBe(100);
  });

  it('rejects a negative price, inverted course dates and out-of-range scores (CHECK)', async () => {
    await expect(makeCourse({ price: -1 })).rejects.toThrow(/chk_courses_price/);
    await expect(
      makeCourse({ courseStartDate: new Date('2026-03-01'), courseEndDate: new Date('2026-02-01') }),
    ).rejects.toThrow(/chk_courses_dates/);
    const { course } = await makeCourse();
    await expect(Quiz.create({ courseId: course.id, title: 'Q', passingScore: 120 })).rejects.toThrow(
      /chk_quizzes_passing_score/,
    );
    const quiz = await Quiz.create({ courseId: course.id, title: 'Q' });
    const user = await makeUser();
    await expect(
      QuizAttempt.create({ userId: user.id, quizId: quiz.id, answers: {}, percentage: 101 }),
    ).rejects.toThrow(/chk_quiz_attempts_percentage/);
    const pending = await QuizAttempt.create({ userId: user.id, quizId: quiz.id, answers: {} });
    expect(pending.percentage ?? null).toBeNull(); // NULL (not graded yet) is allowed
  });

  it('rejects a duplicate e-mail (unique_email)', async () => {
    const user = await makeUser();
    await expect(
      User.create({ email: user.email, password: 'x', firstName: 'Autre', lastName: 'Personne' }),
    ).rejects.toBeInstanceOf(UniqueConstraintError);
  });

  it('refuses to hard-delete an instructor who has courses (ON DELETE RESTRICT)', async () => {
    const { instructor } = await makeCourse();
    await expect(instructor.destroy({ force: true })).rejects.toBeInstanceOf(ForeignKeyConstraintError);
    await expect(
      db.sequelize.query('DELETE FROM users WHERE id = :id', { replacements: { id: instructor.id } }),
    ).rejects.toBeInstanceOf(ForeignKeyConstraintError);
    expect(await User.findByPk(instructor.id)).not.toBeNull();
  });

  it('cascades a course deletion to its modules and lessons', async () => {
    const { course, module, lesson } = await makeCourse();
    await course.destroy({ force: true });
    expect(await CourseModule.findByPk(module.id, { paranoid: false })).toBeNull();
    expect(await Lesson.findByPk(lesson.id, { paranoid: false })).toBeNull();
  });

  it('round-trips JSON columns as objects (quiz options, badge criteria, media metadata)', async () => {
    const { course, lesson, instructor } = await makeCourse();
    const quiz = await Quiz.create({ courseId: course.id, title: 'Quiz JSON' });
    const options = [
      { text: 'Oui, « évidemment »', correct: true },
      { text: 'Non', correct: false },
    ];
    const question = await QuizQuestion.create({
      quizId: quiz.id,
      questionText: 'JSON ?',
      questionType: 'multiple_choice',
      options,
      orderIndex: 1,
    });
    expect((await QuizQuestion.findByPk(question.id))?.options).toEqual(options);
    // Through an include too (a different code path in Sequelize).
    const withQuestions = await Quiz.findByPk(quiz.id, {
      include: [{ model: QuizQuestion, as: 'questions' }],
    });
    expect(withQuestions?.questions?.[0].options).toEqual(options);

    const criteria = { type: 'course_completion' as const, value: 1 };
    const badge = await Badge.create({ name: `Badge ${uniq()}`, criteria, tier: 'gold' });
    const badgeRead = await Badge.findByPk(badge.id);
    expect(badgeRead?.criteria).toEqual(criteria);
    expect(badgeRead?.tier).toBe('gold');

    const metadata = { width: 1920, height: 1080, codec: 'h264', tags: ['démo'] };
    const media = await MediaFile.create({
      lessonId: lesson.id,
      courseId: course.id,
      filename: `${uniq()}.mp4`,
      originalFilename: 'video.mp4',
      fileType: 'video/mp4',
      fileCategory: 'video',
      fileSize: 5_000_000_000, // > 2^32: BIGINT
      storagePath: 'videos/x.mp4',
      url: '/files/videos/x.mp4',
      metadata,
      uploadedBy: instructor.id,
    });
    const mediaRead = await MediaFile.findByPk(media.id);
    expect(mediaRead?.metadata).toEqual(metadata);
    expect(mediaRead?.fileSize).toBe(5_000_000_000);
  });

  it('reads DECIMAL columns back as numbers', async () => {
    const { course } = await makeCourse({ price: 25000.5 });
    const read = await Course.findByPk(course.id);
    expect(read?.price).toBe(25000.5);
    expect(read?.rating).toBe(0);
  });

  it('hides a soft-deleted course from default finds', async () => {
    const { course } = await makeCourse();
    await course.destroy();
    expect(await Course.findByPk(course.id)).toBeNull();
    expect(await Course.findOne({ where: { slug: course.slug } })).toBeNull();
    const trashed = await Course.findByPk(course.id, { paranoid: false });
    expect(trashed?.deletedAt).toBeInstanceOf(Date);
    const [row] = await db.sequelize.query<{ n: number }>(
      'SELECT COUNT(*) AS n FROM courses WHERE id = :id',
      {
        type: QueryTypes.SELECT,
        replacements: { id: course.id },
      },
    );
    expect(Number(row.n)).toBe(1); // still in the table
  });
});
