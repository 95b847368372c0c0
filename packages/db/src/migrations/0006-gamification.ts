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

// Gamification: badges, user_badges, user_xp, user_streaks, challenges, user_challenges
// (schema document §11 and §12).

export const up: MigrationFn = async ({ context: qi }) => {
  await createTable(qi, 'badges', {
    id: id(),
    name: { type: DataTypes.STRING(255), allowNull: false },
    description: { type: DataTypes.TEXT },
    icon_url: { type: DataTypes.STRING(500) },
    pdf_url: { type: DataTypes.STRING(500) },
    category: { type: DataTypes.STRING(50) },
    criteria: { type: DataTypes.JSON, allowNull: false }, // { "type": "course_completion", "value": 1 }
    ...timestamps(qi),
    is_active: { type: DataTypes.BOOLEAN, defaultValue: true },
  });
  await addIndex(qi, 'badges', ['category'], 'idx_category');
  await addIndex(qi, 'badges', ['is_active'], 'idx_is_active');

  await createTable(qi, 'user_badges', {
    id: id(),
    user_id: fk('users', 'CASCADE', false),
    badge_id: fk('badges', 'CASCADE', false),
    earned_at: now(),
  });
  await addIndex(qi, 'user_badges', ['user_id', 'badge_id'], 'unique_user_badge', { unique: true });
  await addIndex(qi, 'user_badges', ['user_id'], 'idx_user');
  await addIndex(qi, 'user_badges', ['badge_id'], 'idx_badge');

  await createTable(qi, 'user_xp', {
    id: id(),
    user_id: fk('users', 'CASCADE', false),
    total_xp: { type: DataTypes.INTEGER, defaultValue: 0 },
    current_level: { type: DataTypes.INTEGER, defaultValue: 1 },
    xp_to_next_level: { type: DataTypes.INTEGER },
    ...timestamps(qi),
  });
  await addIndex(qi, 'user_xp', ['user_id'], 'unique_user', { unique: true });
  await addIndex(qi, 'user_xp', ['total_xp'], 'idx_xp');
  await addIndex(qi, 'user_xp', ['current_level'], 'idx_level');

  await createTable(qi, 'user_streaks', {
    id: id(),
    user_id: fk('users', 'CASCADE', false),
    daily_streak: { type: DataTypes.INTEGER, defaultValue: 0 },
    perfect_quiz_streak: { type: DataTypes.INTEGER, defaultValue: 0 },
    last_activity_date: { type: DataTypes.DATEONLY },
    longest_daily_streak: { type: DataTypes.INTEGER, defaultValue: 0 },
    ...timestamps(qi),
  });
  await addIndex(qi, 'user_streaks', ['user_id'], 'unique_user', { unique: true });
  await addIndex(qi, 'user_streaks', ['daily_streak'], 'idx_daily_streak');

  await createTable(qi, 'challenges', {
    id: id(),
    name: { type: DataTypes.STRING(255), allowNull: false },
    description: { type: DataTypes.TEXT },
    type: { type: DataTypes.ENUM('weekly', 'monthly', 'seasonal', 'event'), allowNull: false },
    criteria: { type: DataTypes.JSON, allowNull: false },
    reward_xp: { type: DataTypes.INTEGER, defaultValue: 0 },
    reward_badge_id: fk('badges', 'SET NULL', true),
    start_date: { type: DataTypes.DATEONLY, allowNull: false },
    end_date: { type: DataTypes.DATEONLY, allowNull: false },
    is_active: { type: DataTypes.BOOLEAN, defaultValue: true },
    ...timestamps(qi),
  });
  await addIndex(qi, 'challenges', ['type'], 'idx_type');
  await addIndex(qi, 'challenges', ['start_date', 'end_date'], 'idx_dates');
  await addIndex(qi, 'challenges', ['is_active'], 'idx_is_active');

  await createTable(qi, 'user_challenges', {
    id: id(),
    user_id: fk('users', 'CASCADE', false),
    challenge_id: fk('challenges', 'CASCADE', false),
    progress: { type: DataTypes.JSON },
    completed: { type: DataTypes.BOOLEAN, defaultValue: false },
    completed_at: nullableDate(),
    created_at: now(),
  });
  await addIndex(qi, 'user_challenges', ['user_id', 'challenge_id'], 'unique_user_challenge', {
    unique: true,
  });
  await addIndex(qi, 'user_challenges', ['user_id'], 'idx_user');
  await addIndex(qi, 'user_challenges', ['challenge_id'], 'idx_challenge');
};

export const down: MigrationFn = async ({ context: qi }) => {
  await dropTables(qi, ['user_challenges', 'challenges', 'user_streaks', 'user_xp', 'user_badges', 'badges']);
};
