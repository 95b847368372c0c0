import { DataTypes, dropColumn, type MigrationFn } from './helpers';

// Why: a question's explanation is shown to the learner after grading (the quiz editor's field,
// GIFT's general feedback `####`). Not in the original schema document: an addition of issue 12.

export const up: MigrationFn = async ({ context: qi }) => {
  await qi.addColumn('quiz_questions', 'explanation', { type: DataTypes.TEXT, allowNull: true });
};

export const down: MigrationFn = async ({ context: qi }) => {
  await dropColumn(qi, 'quiz_questions', 'explanation');
};
