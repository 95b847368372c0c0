import { DataTypes, dropColumn, type MigrationFn } from './helpers';

// Why: completing a lesson or passing a quiz needs the course's structure (modules, published
// lessons, quizzes); every API process caches it per course *version* (issue 18). The version is
// bumped in the transaction of every write to the course's modules, lessons and quizzes (model
// hooks in @mdsc/db), so a cached structure never outlives what it describes, whichever process
// made the change. Not in the original schema document: an addition of issue 18.

export const up: MigrationFn = async ({ context: qi }) => {
  await qi.addColumn('courses', 'structure_version', { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 });
};

export const down: MigrationFn = async ({ context: qi }) => {
  await dropColumn(qi, 'courses', 'structure_version');
};
