// Quizzes: authoring (instructors, admins) and attempts (learners), graded on the server.
export * from './authoring.service';
export * from './attempt.service';
export { exportGift, importGift, type GiftExport, type GiftImportResult } from './gift.service';
export { acceptedAnswers, gradeAttempt, gradeQuestion, normalizeText, type GradableQuestion } from './grading';
export type { AttemptResultDto, AuthorQuestionDto, LearnerQuestionDto, QuestionFeedbackDto, QuizDto } from './quiz-dto';
export { previewQuiz, type QuizPreviewResultDto } from './preview.service';
