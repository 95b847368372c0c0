// "Preview as a student": the course's author answers their own quiz (published or not) and sees
// the feedback a learner would see once answers are revealed. Graded by the same rules as an
// attempt; nothing is written (no attempt, no progress, no XP, no notification).
import { QuizQuestion } from '@mdsc/db';
import type { QuizPreviewInput } from '@mdsc/validators';
import type { Actor, CoreDeps } from '../deps';
import { transact } from '../transaction';
import { assertAuthor, loadQuizForEdit } from './authoring.service';
import { gradeAttempt, readAnswers, toGradable } from './grading';
import { toQuestionFeedback, type AttemptResultDto } from './quiz-dto';

type Deps = Pick<CoreDeps, 'db'>;
export type QuizPreviewResultDto = Pick<
  AttemptResultDto,
  'score' | 'totalPoints' | 'percentage' | 'passed' | 'late' | 'revealed' | 'questions'
>;

export async function previewQuiz(deps: Deps, actor: Actor, input: QuizPreviewInput): Promise<QuizPreviewResultDto> {
  assertAuthor(actor);
  // Read-only, but through the same ownership check (and course lock) as every authoring call.
  const { quiz, questions } = await transact(deps, 'quizzes.previewQuiz', async (transaction) => {
    const found = await loadQuizForEdit(actor, input.quizId, transaction);
    const rows = await QuizQuestion.findAll({
      where: { quizId: found.id, isActive: true },
      order: [['orderIndex', 'ASC'], ['id', 'ASC']],
      transaction,
    });
    return { quiz: found, questions: rows };
  });
  const gradable = questions.map(toGradable);
  const answers = readAnswers(gradable, input.answers);
  const graded = gradeAttempt(gradable, answers, Number(quiz.passingScore));
  const stored = Object.fromEntries([...answers].map(([k, v]) => [String(k), v]));
  return {
    score: graded.score,
    totalPoints: graded.totalPoints,
    percentage: graded.percentage,
    passed: graded.passed,
    late: false,
    revealed: true,
    questions: toQuestionFeedback(questions, stored, graded.results, true),
  };
}
