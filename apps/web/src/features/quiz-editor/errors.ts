// The quiz editor's error texts for the shared form layer.
import type { ErrorOptions } from '../../ui/form';

export const QUIZ_EDITOR_ERRORS: ErrorOptions = {
  messages: { points: 'quizEd.error.points', passingScore: 'quizEd.error.passingScore' },
  codes: { FORBIDDEN: 'quizEd.forbidden', NOT_FOUND: 'quizEd.notFound', CONFLICT: 'authoring.conflict' },
};
