import { addIndex, createTable, DataTypes, dropTables, fk, id, now, nullableDate, timestamps, type MigrationFn } from './helpers';

// Assignments (issue 16): a lesson of type `assignment` where learners hand in work that an
// instructor grades. Why each table exists:
// - assignments: the settings of one assignment lesson (one row per lesson, unique lesson_id), kept
//   out of `lessons` so that the lessons table does not grow columns only one lesson type uses.
//   instructions_html is sanitised HTML written once at save time (reads never sanitise).
//   late_policy: 'accept' (the due date is indicative), 'accept_flag' (accepted, marked late in the
//   grading queue), 'refuse' (no submission after due_at). points: the maximum score; pass_mark:
//   the score (0..points) that completes the lesson. allowed_file_types: comma-separated file
//   extensions as detected from the file's content (pdf,docx,…), NULL when no file is accepted.
// - assignment_submissions: one row per learner, assignment and attempt. While ungraded a
//   resubmission replaces the attempt's content; a submission returned for resubmission stays as
//   history and the next one is attempt + 1. course_id is copied so that the grading queue of a
//   course is one index range; media_file_id is the learner's upload (through the media pipeline).
// - assignment_grades: the instructor's decision on one submission (unique submission_id): a score
//   and feedback ('graded'), or feedback only when it is returned for resubmission ('returned').
//   Kept apart from submissions so a submission row is the learner's, a grade row the grader's.

const TABLES = ['assignment_grades', 'assignment_submissions', 'assignments'];

export const up: MigrationFn = async ({ context: qi }) => {
  await createTable(
    qi,
    'assignments',
    {
      id: id(),
      lesson_id: fk('lessons', 'CASCADE', false),
      instructions_html: { type: DataTypes.TEXT, allowNull: false },
      due_at: nullableDate(),
      late_policy: { type: DataTypes.STRING(12), allowNull: false, defaultValue: 'accept_flag' },
      points: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 100 },
      pass_mark: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 50 },
      submission_type: { type: DataTypes.STRING(5), allowNull: false, defaultValue: 'both' },
      allowed_file_types: { type: DataTypes.STRING(200), allowNull: true },
      max_file_size_mb: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 20 },
      ...timestamps(qi),
    },
    {
      chk_assignments_late_policy: "late_policy IN ('accept', 'accept_flag', 'refuse')",
      chk_assignments_submission_type: "submission_type IN ('file', 'text', 'both')",
      chk_assignments_points: 'points > 0 AND pass_mark >= 0 AND pass_mark <= points',
      chk_assignments_size: 'max_file_size_mb > 0',
    },
  );
  await addIndex(qi, 'assignments', ['lesson_id'], 'unique_lesson', { unique: true });

  await createTable(
    qi,
    'assignment_submissions',
    {
      id: id(),
      assignment_id: fk('assignments', 'CASCADE', false),
      course_id: fk('courses', 'CASCADE', false),
      user_id: fk('users', 'CASCADE', false),
      attempt: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 },
      text_content: { type: DataTypes.TEXT, allowNull: true },
      media_file_id: fk('media_files', 'SET NULL', true),
      submitted_at: now(),
      is_late: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      status: { type: DataTypes.STRING(10), allowNull: false, defaultValue: 'submitted' },
      ...timestamps(qi),
    },
    { chk_assignment_submissions_status: "status IN ('submitted', 'graded', 'returned')" },
  );
  // One row per attempt; a learner's attempts in order.
  await addIndex(qi, 'assignment_submissions', ['assignment_id', 'user_id', 'attempt'], 'unique_attempt', {
    unique: true,
  });
  // The grading queue of a course, by status (to grade / graded) and by lateness.
  await addIndex(qi, 'assignment_submissions', ['course_id', 'status', 'submitted_at'], 'idx_course_status');
  await addIndex(qi, 'assignment_submissions', ['course_id', 'is_late', 'submitted_at'], 'idx_course_late');
  await addIndex(qi, 'assignment_submissions', ['user_id'], 'idx_user');

  await createTable(
    qi,
    'assignment_grades',
    {
      id: id(),
      submission_id: fk('assignment_submissions', 'CASCADE', false),
      outcome: { type: DataTypes.STRING(10), allowNull: false },
      score: { type: DataTypes.INTEGER, allowNull: true },
      feedback: { type: DataTypes.TEXT, allowNull: true },
      grader_id: fk('users', 'SET NULL', true),
      graded_at: now(),
      ...timestamps(qi),
    },
    {
      chk_assignment_grades_outcome: "outcome IN ('graded', 'returned')",
      chk_assignment_grades_score: "(outcome = 'returned') OR (score IS NOT NULL AND score >= 0)",
    },
  );
  await addIndex(qi, 'assignment_grades', ['submission_id'], 'unique_submission', { unique: true });
};

export const down: MigrationFn = async ({ context: qi }) => {
  await dropTables(qi, TABLES);
};
