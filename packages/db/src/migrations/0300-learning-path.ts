import {
  addIndex,
  createTable,
  DataTypes,
  dropColumn,
  dropTables,
  fk,
  id,
  isMysql,
  timestamps,
  type MigrationFn,
} from './helpers';

// The learning path (issue 5). Additions to the document's tables:
// - progress.last_position_seconds: where the video/audio player stopped ("resume where I left off").
// - enrollments.last_lesson_id: the lesson opened last (no FK constraint: lessons are soft-deleted,
//   a dangling id is harmless and SQLite cannot drop a column that is part of a foreign key).
// - quiz_attempts.status / deadline_at / results: an attempt is created when it starts (so the time
//   limit is measured by the server), graded once; results keep the per-question feedback as graded.
// - certificates: one per user and course, enforced by a unique key.
// New tables:
// - certificate_counters: one row per year, locked FOR UPDATE to hand out MDSC-YYYY-000123 numbers.
// - course_reviews: one rating (1–5) and optional comment per user and course.

export const up: MigrationFn = async ({ context: qi }) => {
  await qi.addColumn('progress', 'last_position_seconds', { type: DataTypes.INTEGER, allowNull: true });
  await qi.addColumn('enrollments', 'last_lesson_id', { type: DataTypes.INTEGER, allowNull: true });

  // Rows written before this migration (or by seeders) are finished attempts.
  await qi.addColumn('quiz_attempts', 'status', {
    type: DataTypes.ENUM('in_progress', 'graded', 'expired'),
    allowNull: false,
    defaultValue: 'graded',
  });
  await qi.addColumn('quiz_attempts', 'deadline_at', { type: DataTypes.DATE, allowNull: true });
  await qi.addColumn('quiz_attempts', 'results', { type: DataTypes.JSON, allowNull: true });

  await addIndex(qi, 'certificates', ['user_id', 'course_id'], 'unique_user_course', { unique: true });

  await createTable(qi, 'certificate_counters', {
    year: { type: DataTypes.INTEGER, primaryKey: true, allowNull: false },
    last_number: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
  });

  await createTable(
    qi,
    'course_reviews',
    {
      id: id(),
      user_id: fk('users', 'CASCADE', false),
      course_id: fk('courses', 'CASCADE', false),
      rating: { type: DataTypes.INTEGER, allowNull: false },
      comment: { type: DataTypes.TEXT, allowNull: true },
      ...timestamps(qi),
    },
    { chk_course_reviews_rating: 'rating >= 1 AND rating <= 5' },
  );
  await addIndex(qi, 'course_reviews', ['user_id', 'course_id'], 'unique_user_course', { unique: true });
  // The course page lists reviews newest first.
  await addIndex(qi, 'course_reviews', ['course_id', 'updated_at', 'id'], 'idx_course_recent');
};

export const down: MigrationFn = async ({ context: qi }) => {
  await dropTables(qi, ['course_reviews', 'certificate_counters']);
  await qi.removeIndex('certificates', isMysql(qi) ? 'unique_user_course' : 'certificates__unique_user_course');
  await dropColumn(qi, 'quiz_attempts', 'results');
  await dropColumn(qi, 'quiz_attempts', 'deadline_at');
  await dropColumn(qi, 'quiz_attempts', 'status');
  await dropColumn(qi, 'enrollments', 'last_lesson_id');
  await dropColumn(qi, 'progress', 'last_position_seconds');
};
