// Moodle GIFT import and export of a quiz's questions (the format: @mdsc/validators' gift.ts).
import { QuizQuestion } from '@mdsc/db';
import {
  GIFT_MAX_QUESTIONS,
  parseGift,
  questionContentInput,
  toGift,
  type GiftImportInput,
  type GiftIssue,
  type GiftQuestion,
  type QuestionContentInput,
} from '@mdsc/validators';
import type { Actor, CoreDeps } from '../deps';
import { DomainError } from '../errors';
import { slugify } from '../catalog/slug';
import {
  assertAuthor,
  assertPointsFit,
  getQuizForEdit,
  loadQuizForEdit,
  questionColumns,
} from './authoring.service';
import { toAuthorQuestionDto, type AuthorQuestionDto } from './quiz-dto';
import { transact } from '../transaction';

type Deps = Pick<CoreDeps, 'db'>;

export interface GiftImportResult {
  created: AuthorQuestionDto[];
  /** Read but ignored ($CATEGORY…), with their line. */
  notes: GiftIssue[];
}

/** Refuses the whole file: every problem with its line, in `problems` (BAD_REQUEST, field `source`). */
function refuse(problems: GiftIssue[]): never {
  const first = problems[0];
  throw new DomainError(`line ${first.line}: ${first.message}`, 'VALIDATION', {
    field: 'source',
    reason: 'gift_invalid',
    problems,
  });
}

function toInput(q: GiftQuestion): unknown {
  const base = {
    questionType: q.questionType,
    questionText: q.questionText,
    points: q.points,
    explanation: q.explanation,
  };
  if (q.questionType === 'multiple_choice') return { ...base, options: q.options };
  if (q.questionType === 'true_false') return { ...base, correctAnswer: q.correctAnswer };
  return { ...base, acceptedAnswers: q.acceptedAnswers };
}

/**
 * Adds the questions of a GIFT file at the end of a quiz: all of them in one transaction, or none.
 * Every question is checked with the same schema as the editor's; any problem (unsupported
 * item, too many options, points over the quiz's limit…) refuses the file with its line.
 */
export async function importGift(
  deps: Deps,
  actor: Actor,
  input: GiftImportInput,
): Promise<GiftImportResult> {
  assertAuthor(actor);
  const parsed = parseGift(input.source);
  const problems: GiftIssue[] = [...parsed.errors];
  const contents: QuestionContentInput[] = [];
  for (const q of parsed.questions) {
    const checked = questionContentInput.safeParse(toInput(q));
    if (checked.success) contents.push(checked.data);
    else {
      for (const issue of checked.error.issues) {
        const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
        problems.push({ line: q.line, message: `${where}${issue.message}` });
      }
    }
  }
  if (parsed.questions.length === 0 && problems.length === 0)
    problems.push({ line: 1, message: 'no question found' });
  if (parsed.questions.length > GIFT_MAX_QUESTIONS) {
    problems.push({
      line: parsed.questions[GIFT_MAX_QUESTIONS].line,
      message: `at most ${GIFT_MAX_QUESTIONS} questions per import`,
    });
  }
  problems.sort((a, b) => a.line - b.line);
  if (problems.length) refuse(problems);

  return transact(deps, 'quizzes.importGift', async (transaction) => {
    const quiz = await loadQuizForEdit(actor, input.quizId, transaction);
    await assertPointsFit(
      quiz.id,
      contents.reduce((s, c) => s + c.points, 0),
      null,
      transaction,
    );
    const count = await QuizQuestion.count({ where: { quizId: quiz.id, isActive: true }, transaction });
    const rows = await QuizQuestion.bulkCreate(
      contents.map((c, i) => ({ quizId: quiz.id, ...questionColumns(c), orderIndex: count + i + 1 })),
      { transaction },
    );
    return { created: rows.map(toAuthorQuestionDto), notes: parsed.notes };
  });
}

export interface GiftExport {
  filename: string;
  gift: string;
  questionCount: number;
}

/** The quiz's active questions, in their order, as a GIFT file Moodle (and importGift) reads. */
export async function exportGift(deps: Deps, actor: Actor, quizId: number): Promise<GiftExport> {
  const quiz = await getQuizForEdit(deps, actor, quizId);
  const gift = toGift(quiz.questions, {
    header: `${quiz.title}\nExported from MdSC MOOC. "// points: n" lines give each question's points.`,
  });
  return {
    filename: `${slugify(quiz.title) || `quiz-${quiz.id}`}.gift`,
    gift,
    questionCount: quiz.questions.length,
  };
}
