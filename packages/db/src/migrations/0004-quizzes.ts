import {
  addIndex,
  createTable,
  DataTypes,
  dropTables,
  fk,
  id,
  now,
  nullableDate,
  timestamps,
  type MigrationFn,
} from './helpers';

// Assessment: quizzes, quiz_questions, quiz_attempts (schema document §9).

export const up: MigrationFn = async ({ context: qi }) => {
  await createTable(
    qi,
    'quizzes',
    {
      id: id(),
      course_id: fk('courses', 'CASCADE', false),
      lesson_id: fk('lessons', 'SET NULL', true), // NULL for the course's final quiz
      title: { type: DataTypes.STRING(255), allowNull: false },
      description: { type: DataTypes.TEXT },
      time_limit_minutes: { type: DataTypes.INTEGER }, // NULL: no time limit
      passing_score: { type: DataTypes.DECIMAL(5, 2), defaultValue: 70 },
      max_attempts: { type: DataTypes.INTEGER, defaultValue: 3 },
      is_final: { type: DataTypes.BOOLEAN, defaultValue: false },
      is_published: { type: DataTypes.BOOLEAN, defaultValue: false },
      ...timestamps(qi),
    },
    { chk_quizzes_passing_score: 'passing_score >= 0 AND passing_score <= 100' },
  );
  await addIndex(qi, 'quizzes', ['course_id'], 'idx_course');
  await addIndex(qi, 'quizzes', ['lesson_id'], 'idx_lesson');
  await addIndex(qi, 'quizzes', ['is_published'], 'idx_is_published');

  await createTable(qi, 'quiz_questions', {
    id: id(),
    quiz_id: fk('quizzes', 'CASCADE', false),
    question_text: { type: DataTypes.TEXT, allowNull: false },
    question_type: {
      type: DataTypes.ENUM('multiple_choice', 'true_false', 'short_answer'),
      allowNull: false,
    },
    options: { type: DataTypes.JSON }, // multiple_choice: [{ "text": "…", "correct": true }]
    correct_answer: { type: DataTypes.TEXT }, // true_false and short_answer
    points: { type: DataTypes.DECIMAL(5, 2), defaultValue: 1 },
    order_index: { type: DataTypes.INTEGER, allowNull: false },
    is_active: { type: DataTypes.BOOLEAN, defaultValue: true },
    ...timestamps(qi),
  });
  await addIndex(qi, 'quiz_questions', ['quiz_id'], 'idx_quiz');
  await addIndex(qi, 'quiz_questions', ['order_index'], 'idx_order');
  await addIndex(qi, 'quiz_questions', ['is_active'], 'idx_is_active');

  await createTable(
    qi,
    'quiz_attempts',
    {
      id: id(),
      user_id: fk('users', 'CASCADE', false),
      quiz_id: fk('quizzes', 'CASCADE', false),
      answers: { type: DataTypes.JSON, allowNull: false }, // { [questionId]: answer }
      started_at: now(),
      completed_at: nullableDate(),
      score: { type: DataTypes.DECIMAL(5, 2), allowNull: true },
      total_points: { type: DataTypes.DECIMAL(5, 2), allowNull: true },
      percentage: { type: DataTypes.DECIMAL(5, 2), allowNull: true },
      is_passed: { type: DataTypes.BOOLEAN, defaultValue: false },
      time_spent_minutes: { type: DataTypes.INTEGER },
    },
    // NULL (attempt not graded yet) passes: a CHECK only rejects FALSE.
    { chk_quiz_attempts_percentage: 'percentage >= 0 AND percentage <= 100' },
  );
  await addIndex(qi, 'quiz_attempts', ['user_id'], 'idx_user');
  await addIndex(qi, 'quiz_attempts', ['quiz_id'], 'idx_quiz');
  await addIndex(qi, 'quiz_attempts', ['is_passed'], 'idx_is_passed');
  // "my attempts at this quiz" (attempt limit, best score).
  await addIndex(qi, 'quiz_attempts', ['user_id', 'quiz_id'], 'idx_user_quiz');
};

export const down: MigrationFn = async ({ context: qi }) => {
  await dropTables(qi, ['quiz_attempts', 'quiz_questions', 'quizzes']);
};
