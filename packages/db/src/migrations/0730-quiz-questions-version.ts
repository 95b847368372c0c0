import { DataTypes, dropColumn, type MigrationFn } from './helpers';

// Why: submitting a quiz grades against the quiz's questions, which every API process caches per
// quiz *version* (issue 18). The version is bumped in the transaction of every write to the quiz's
// questions (QuizQuestion model hooks), so a cache entry can never outlive the questions it holds,
// whichever process made the change. Not in the original schema document: an addition of issue 18.

export const up: MigrationFn = async ({ context: qi }) => {
  await qi.addColumn('quizzes', 'questions_version', { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 });
};

export const down: MigrationFn = async ({ context: qi }) => {
  await dropColumn(qi, 'quizzes', 'questions_version');
};
