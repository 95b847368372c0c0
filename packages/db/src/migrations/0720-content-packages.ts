import {
  addIndex,
  createTable,
  DataTypes,
  dropTables,
  fk,
  id,
  isMysql,
  timestamps,
  type MigrationFn,
} from './helpers';

// SCORM and H5P packages as lessons (issue 16). Why each change:
// - lessons.content_type gains 'scorm': a SCORM package is a lesson type of its own (H5P already
//   had 'h5p'). SQLite stores ENUMs as TEXT without a check, so only MariaDB/MySQL need the ALTER.
// - lesson_packages: one extracted package per lesson (unique lesson_id: uploading again replaces
//   it). kind says which player runs it; storage_prefix is the fresh folder (one per upload) the
//   files were stored under, so that a new upload never mixes with the old one and the switch is
//   this row's update; launch_path is the file the player opens (the SCO's href or h5p.json's
//   folder); version, title, mastery_score come from the manifest (mastery score from
//   adlcp:masteryscore / imsss:minNormalizedMeasure, 0–100); files lists the stored paths and
//   sizes, to delete an old package's files and to know what exists without listing storage.
// - package_attempts: the learner's CMI data for a lesson's package, per attempt (unique user,
//   lesson, attempt) so that a SCO resumes where the learner left (suspend_data, location) and the
//   server can judge completion from what the package reported (statuses and score). The raw
//   columns keep SCORM's own vocabulary (lesson_status for 1.2, completion_status + success_status
//   for 2004 and H5P) rather than our progress statuses: the mapping is the service's business.
//   total_time is kept in seconds (SCORM reports it in two formats). completed_at records when
//   this attempt completed the lesson.

const LESSON_TYPES_BEFORE = [
  'video',
  'text',
  'quiz',
  'h5p',
  'assignment',
  'document',
  'audio',
  'presentation',
];
const LESSON_TYPES_AFTER = [...LESSON_TYPES_BEFORE, 'scorm'];

const enumSql = (values: string[]) => `ENUM(${values.map((v) => `'${v}'`).join(', ')})`;

export const up: MigrationFn = async ({ context: qi }) => {
  if (isMysql(qi)) {
    await qi.sequelize.query(
      `ALTER TABLE lessons MODIFY content_type ${enumSql(LESSON_TYPES_AFTER)} NOT NULL`,
    );
  }
  await createTable(
    qi,
    'lesson_packages',
    {
      id: id(),
      lesson_id: fk('lessons', 'CASCADE', false),
      kind: { type: DataTypes.STRING(10), allowNull: false },
      storage_prefix: { type: DataTypes.STRING(100), allowNull: false },
      launch_path: { type: DataTypes.STRING(500), allowNull: false },
      version: { type: DataTypes.STRING(50), allowNull: true },
      title: { type: DataTypes.STRING(255), allowNull: true },
      mastery_score: { type: DataTypes.DECIMAL(5, 2), allowNull: true },
      file_count: { type: DataTypes.INTEGER, allowNull: false },
      total_size: { type: DataTypes.BIGINT, allowNull: false },
      files: { type: DataTypes.JSON, allowNull: false },
      uploaded_by: fk('users', 'SET NULL', true),
      ...timestamps(qi),
    },
    { chk_lesson_packages_kind: "kind IN ('scorm12', 'scorm2004', 'h5p')" },
  );
  await addIndex(qi, 'lesson_packages', ['lesson_id'], 'unique_lesson_package', { unique: true });
  // The file route finds the package from the folder named in the URL.
  await addIndex(qi, 'lesson_packages', ['storage_prefix'], 'unique_storage_prefix', { unique: true });

  await createTable(qi, 'package_attempts', {
    id: id(),
    user_id: fk('users', 'CASCADE', false),
    lesson_id: fk('lessons', 'CASCADE', false),
    attempt: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 },
    suspend_data: { type: DataTypes.TEXT, allowNull: true },
    location: { type: DataTypes.STRING(1000), allowNull: true },
    lesson_status: { type: DataTypes.STRING(20), allowNull: true },
    completion_status: { type: DataTypes.STRING(20), allowNull: true },
    success_status: { type: DataTypes.STRING(20), allowNull: true },
    score_raw: { type: DataTypes.DECIMAL(10, 2), allowNull: true },
    score_max: { type: DataTypes.DECIMAL(10, 2), allowNull: true },
    total_time_seconds: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    completed_at: { type: DataTypes.DATE, allowNull: true },
    ...timestamps(qi),
  });
  await addIndex(qi, 'package_attempts', ['user_id', 'lesson_id', 'attempt'], 'unique_package_attempt', {
    unique: true,
  });
  await addIndex(qi, 'package_attempts', ['lesson_id'], 'idx_lesson');
};

export const down: MigrationFn = async ({ context: qi }) => {
  await dropTables(qi, ['package_attempts', 'lesson_packages']);
  if (isMysql(qi)) {
    // Lessons of the new type cannot stay: they go with the type (their packages already went).
    await qi.sequelize.query(`DELETE FROM lessons WHERE content_type = 'scorm'`);
    await qi.sequelize.query(
      `ALTER TABLE lessons MODIFY content_type ${enumSql(LESSON_TYPES_BEFORE)} NOT NULL`,
    );
  }
};
