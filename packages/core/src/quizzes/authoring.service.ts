// Quiz authoring for the course's instructor and admins: quizzes, their questions and their order.
import { Course, Lesson, Quiz, QuizQuestion } from '@mdsc/db';
import type {
  QuestionContentInput,
  QuestionCreateInput,
  QuestionReorderInput,
  QuestionUpdateInput,
  QuizCreateInput,
  QuizUpdateInput,
} from '@mdsc/validators';
import type { Transaction } from 'sequelize';
import { assertOwnerOrAdmin } from '../authz';
import type { Actor, CoreDeps } from '../deps';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { toAuthorQuestionDto, toQuizDto, type AuthorQuestionDto, type QuizDto } from './quiz-dto';
import { transact } from '../transaction';

type Deps = Pick<CoreDeps, 'db'>;

/** score and total_points are DECIMAL(5,2). */
const MAX_TOTAL_POINTS = 999.99;

export function assertAuthor(actor: Actor): void {
  if (actor.role !== 'instructor' && actor.role !== 'admin') throw new ForbiddenError('Instructors only');
}

/** The course row locked FOR UPDATE: quiz changes of one course run one after the other. */
async function lockEditableCourse(actor: Actor, courseId: number, transaction: Transaction): Promise<Course> {
  const course = await Course.findByPk(courseId, {
    attributes: ['id', 'instructorId'],
    lock: transaction.LOCK.UPDATE,
    transaction,
  });
  if (!course) throw new NotFoundError('Course', { id: courseId });
  assertOwnerOrAdmin(actor, course.instructorId, 'this course');
  return course;
}

export async function loadQuizForEdit(actor: Actor, quizId: number, transaction: Transaction): Promise<Quiz> {
  const found = await Quiz.findByPk(quizId, { attributes: ['id', 'courseId'], transaction });
  if (!found) throw new NotFoundError('Quiz', { id: quizId });
  await lockEditableCourse(actor, found.courseId, transaction);
  return (await Quiz.findByPk(quizId, { transaction }))!;
}

export async function createQuiz(deps: Deps, actor: Actor, input: QuizCreateInput): Promise<QuizDto> {
  assertAuthor(actor);
  return transact(deps, 'quizzes.createQuiz', async (transaction) => {
    await lockEditableCourse(actor, input.courseId, transaction);
    if (input.isFinal) {
      const other = await Quiz.findOne({ attributes: ['id'], where: { courseId: input.courseId, isFinal: true }, transaction });
      if (other) throw new ConflictError('This course already has a final quiz', { field: 'isFinal' });
    } else {
      const lesson = await Lesson.findOne({ attributes: ['id'], where: { id: input.lessonId!, courseId: input.courseId }, transaction });
      if (!lesson) throw new ValidationError('lessonId', 'Not a lesson of this course');
      const other = await Quiz.findOne({ attributes: ['id'], where: { lessonId: input.lessonId! }, transaction });
      if (other) throw new ConflictError('This lesson already has a quiz', { field: 'lessonId' });
    }
    const quiz = await Quiz.create(
      {
        courseId: input.courseId,
        lessonId: input.isFinal ? null : input.lessonId,
        title: input.title,
        description: input.description,
        timeLimitMinutes: input.timeLimitMinutes,
        passingScore: input.passingScore,
        maxAttempts: input.maxAttempts,
        isFinal: input.isFinal,
        isPublished: input.isPublished,
      },
      { transaction },
    );
    return toQuizDto(quiz);
  });
}

export async function updateQuiz(deps: Deps, actor: Actor, input: QuizUpdateInput): Promise<QuizDto> {
  assertAuthor(actor);
  const { id, ...fields } = input;
  return transact(deps, 'quizzes.updateQuiz', async (transaction) => {
    const quiz = await loadQuizForEdit(actor, id, transaction);
    const changes = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    await quiz.update(changes, { transaction });
    return toQuizDto(quiz);
  });
}

/** Deletes the quiz with its questions and attempts (foreign keys cascade). */
export async function deleteQuiz(deps: Deps, actor: Actor, id: number): Promise<{ id: number }> {
  assertAuthor(actor);
  await transact(deps, 'quizzes.deleteQuiz', async (transaction) => {
    const quiz = await loadQuizForEdit(actor, id, transaction);
    await quiz.destroy({ transaction });
  });
  return { id };
}

export interface QuizEditorDto extends QuizDto {
  questions: AuthorQuestionDto[];
}

export async function getQuizForEdit(deps: Deps, actor: Actor, id: number): Promise<QuizEditorDto> {
  assertAuthor(actor);
  return transact(deps, 'quizzes.getQuizForEdit', async (transaction) => {
    const quiz = await loadQuizForEdit(actor, id, transaction);
    const questions = await QuizQuestion.findAll({
      where: { quizId: quiz.id, isActive: true },
      order: [['orderIndex', 'ASC'], ['id', 'ASC']],
      transaction,
    });
    return { ...toQuizDto(quiz), questions: questions.map(toAuthorQuestionDto) };
  });
}

/** Every quiz of a course with its question count, for the course builder. */
export async function listCourseQuizzes(
  _deps: Deps,
  actor: Actor,
  courseId: number,
): Promise<(QuizDto & { questionCount: number })[]> {
  assertAuthor(actor);
  const course = await Course.findByPk(courseId, { attributes: ['id', 'instructorId'] });
  if (!course) throw new NotFoundError('Course', { id: courseId });
  assertOwnerOrAdmin(actor, course.instructorId, 'this course');
  const [quizzes, questions] = await Promise.all([
    Quiz.findAll({ where: { courseId }, order: [['id', 'ASC']] }),
    QuizQuestion.findAll({ attributes: ['quizId'], where: { isActive: true }, include: [{ model: Quiz, as: 'quiz', attributes: [], where: { courseId } }] }),
  ]);
  const counts = new Map<number, number>();
  for (const q of questions) counts.set(q.quizId, (counts.get(q.quizId) ?? 0) + 1);
  return quizzes.map((q) => ({ ...toQuizDto(q), questionCount: counts.get(q.id) ?? 0 }));
}

/** Column values of a question: multiple choice in `options`, the others in `correct_answer`. */
export function questionColumns(input: QuestionContentInput) {
  const base = {
    questionText: input.questionText,
    questionType: input.questionType,
    points: input.points,
    explanation: input.explanation ?? null,
  };
  switch (input.questionType) {
    case 'multiple_choice':
      return { ...base, options: input.options.map((o) => ({ text: o.text, correct: o.correct })), correctAnswer: null };
    case 'true_false':
      return { ...base, options: null, correctAnswer: input.correctAnswer ? 'true' : 'false' };
    case 'short_answer':
      // One accepted answer per line (the validator refuses line breaks inside an answer).
      return { ...base, options: null, correctAnswer: [...new Set(input.acceptedAnswers)].join('\n') };
  }
}

export async function assertPointsFit(quizId: number, extra: number, exceptId: number | null, transaction: Transaction) {
  const rows = await QuizQuestion.findAll({ attributes: ['id', 'points'], where: { quizId, isActive: true }, transaction });
  const total = rows.filter((r) => r.id !== exceptId).reduce((s, r) => s + Number(r.points), extra);
  if (total > MAX_TOTAL_POINTS) throw new ValidationError('points', `A quiz is worth ${MAX_TOTAL_POINTS} points at most`);
}

export async function addQuestion(deps: Deps, actor: Actor, input: QuestionCreateInput): Promise<AuthorQuestionDto> {
  assertAuthor(actor);
  const { quizId, ...content } = input;
  return transact(deps, 'quizzes.addQuestion', async (transaction) => {
    await loadQuizForEdit(actor, quizId, transaction);
    await assertPointsFit(quizId, content.points, null, transaction);
    const count = await QuizQuestion.count({ where: { quizId, isActive: true }, transaction });
    const q = await QuizQuestion.create({ quizId, ...questionColumns(content), orderIndex: count + 1 }, { transaction });
    return toAuthorQuestionDto(q);
  });
}

async function loadQuestionForEdit(actor: Actor, id: number, transaction: Transaction): Promise<QuizQuestion> {
  const found = await QuizQuestion.findOne({ attributes: ['id', 'quizId'], where: { id, isActive: true }, transaction });
  if (!found) throw new NotFoundError('Question', { id });
  await loadQuizForEdit(actor, found.quizId, transaction);
  return (await QuizQuestion.findByPk(id, { transaction }))!;
}

export async function updateQuestion(deps: Deps, actor: Actor, input: QuestionUpdateInput): Promise<AuthorQuestionDto> {
  assertAuthor(actor);
  const { id, ...content } = input;
  return transact(deps, 'quizzes.updateQuestion', async (transaction) => {
    const q = await loadQuestionForEdit(actor, id, transaction);
    await assertPointsFit(q.quizId, content.points, q.id, transaction);
    await q.update(questionColumns(content), { transaction });
    return toAuthorQuestionDto(q);
  });
}

/**
 * Retires a question: it leaves the quiz (and its order), but stays in the table so that past
 * attempts keep their per-question feedback.
 */
export async function deleteQuestion(deps: Deps, actor: Actor, id: number): Promise<{ id: number }> {
  assertAuthor(actor);
  await transact(deps, 'quizzes.deleteQuestion', async (transaction) => {
    const q = await loadQuestionForEdit(actor, id, transaction);
    await q.update({ isActive: false }, { transaction });
    const rest = await QuizQuestion.findAll({
      attributes: ['id'],
      where: { quizId: q.quizId, isActive: true },
      order: [['orderIndex', 'ASC'], ['id', 'ASC']],
      transaction,
    });
    await writeOrder(rest.map((r) => r.id), transaction);
  });
  return { id };
}

export async function reorderQuestions(deps: Deps, actor: Actor, input: QuestionReorderInput): Promise<{ questionIds: number[] }> {
  assertAuthor(actor);
  return transact(deps, 'quizzes.reorderQuestions', async (transaction) => {
    await loadQuizForEdit(actor, input.quizId, transaction);
    const current = await QuizQuestion.findAll({ attributes: ['id'], where: { quizId: input.quizId, isActive: true }, transaction });
    const ids = new Set(current.map((c) => c.id));
    if (ids.size !== input.questionIds.length || !input.questionIds.every((i) => ids.has(i))) {
      throw new ValidationError('questionIds', 'Must list every question of the quiz exactly once');
    }
    await writeOrder(input.questionIds, transaction);
    return { questionIds: input.questionIds };
  });
}

/**
 * Copies a question (text, type, points, answers, explanation) and puts the copy right after it.
 * The copy counts towards the quiz's points like any question.
 */
export async function duplicateQuestion(deps: Deps, actor: Actor, id: number): Promise<AuthorQuestionDto> {
  assertAuthor(actor);
  return transact(deps, 'quizzes.duplicateQuestion', async (transaction) => {
    const q = await loadQuestionForEdit(actor, id, transaction);
    await assertPointsFit(q.quizId, Number(q.points), null, transaction);
    const copy = await QuizQuestion.create(
      {
        quizId: q.quizId,
        questionText: q.questionText,
        questionType: q.questionType,
        points: q.points,
        options: q.options,
        correctAnswer: q.correctAnswer,
        explanation: q.explanation,
        orderIndex: q.orderIndex + 1,
      },
      { transaction },
    );
    const rest = await QuizQuestion.findAll({
      attributes: ['id'],
      where: { quizId: q.quizId, isActive: true },
      order: [['orderIndex', 'ASC'], ['id', 'ASC']],
      transaction,
    });
    const ids = rest.map((r) => r.id).filter((rid) => rid !== copy.id);
    ids.splice(ids.indexOf(q.id) + 1, 0, copy.id);
    await writeOrder(ids, transaction);
    await copy.reload({ transaction });
    return toAuthorQuestionDto(copy);
  });
}

async function writeOrder(ids: number[], transaction: Transaction): Promise<void> {
  for (const [i, id] of ids.entries()) {
    await QuizQuestion.update({ orderIndex: i + 1 }, { where: { id }, transaction });
  }
}
