import {
  addFulltextIndex,
  addIndex,
  createTable,
  DataTypes,
  dropTables,
  fk,
  id,
  isMysql,
  now,
  nullableDate,
  timestamps,
  type MigrationFn,
} from './helpers';

// Course content and the learner's path: modules, lessons, media_files, enrollments, progress
// (schema document §4 to §8).

const LESSON_MEDIA_FK = 'fk_lessons_media_file';

export const up: MigrationFn = async ({ context: qi }) => {
  await createTable(qi, 'modules', {
    id: id(),
    course_id: fk('courses', 'CASCADE', false),
    title: { type: DataTypes.STRING(255), allowNull: false },
    description: { type: DataTypes.TEXT },
    image_url: { type: DataTypes.STRING(500) },
    order_index: { type: DataTypes.INTEGER, allowNull: false },
    is_unlocked: { type: DataTypes.BOOLEAN, defaultValue: false },
    ...timestamps(qi),
    deleted_at: nullableDate(),
  });
  await addIndex(qi, 'modules', ['course_id'], 'idx_course');
  await addIndex(qi, 'modules', ['course_id', 'order_index'], 'idx_course_order');
  await addIndex(qi, 'modules', ['is_unlocked'], 'idx_is_unlocked');
  await addIndex(qi, 'modules', ['deleted_at'], 'idx_deleted_at');

  // lessons.media_file_id and media_files.lesson_id point at each other. SQLite accepts a
  // reference to a table that does not exist yet; MySQL does not, so there the foreign key is
  // added once media_files exists.
  await createTable(qi, 'lessons', {
    id: id(),
    course_id: fk('courses', 'CASCADE', false),
    module_id: fk('modules', 'SET NULL', true),
    title: { type: DataTypes.STRING(255), allowNull: false },
    description: { type: DataTypes.TEXT },
    content_type: {
      type: DataTypes.ENUM('video', 'text', 'quiz', 'h5p', 'assignment', 'document', 'audio', 'presentation'),
      allowNull: false,
    },
    media_file_id: isMysql(qi)
      ? { type: DataTypes.INTEGER, allowNull: true }
      : fk('media_files', 'SET NULL', true),
    content_url: { type: DataTypes.STRING(500) },
    content_text: { type: DataTypes.TEXT },
    video_url: { type: DataTypes.STRING(500) },
    duration_minutes: { type: DataTypes.INTEGER },
    order_index: { type: DataTypes.INTEGER, allowNull: false },
    is_required: { type: DataTypes.BOOLEAN, defaultValue: true },
    is_published: { type: DataTypes.BOOLEAN, defaultValue: false },
    ...timestamps(qi),
    deleted_at: nullableDate(),
  });
  await addIndex(qi, 'lessons', ['course_id'], 'idx_course');
  await addIndex(qi, 'lessons', ['module_id'], 'idx_module');
  await addIndex(qi, 'lessons', ['order_index'], 'idx_order');
  await addIndex(qi, 'lessons', ['is_published'], 'idx_is_published');
  await addIndex(qi, 'lessons', ['content_type'], 'idx_content_type');
  await addIndex(qi, 'lessons', ['media_file_id'], 'idx_media_file'); // SQLite does not index FKs itself
  await addIndex(qi, 'lessons', ['deleted_at'], 'idx_deleted_at');
  await addFulltextIndex(qi, 'lessons', ['content_text'], 'ft_lessons_content');

  await createTable(qi, 'media_files', {
    id: id(),
    lesson_id: fk('lessons', 'CASCADE', true),
    course_id: fk('courses', 'CASCADE', true),
    filename: { type: DataTypes.STRING(255), allowNull: false },
    original_filename: { type: DataTypes.STRING(255), allowNull: false },
    file_type: { type: DataTypes.STRING(50), allowNull: false }, // MIME type
    file_category: {
      type: DataTypes.ENUM('video', 'document', 'audio', 'image', 'presentation', 'h5p', 'other'),
      allowNull: false,
    },
    file_size: { type: DataTypes.BIGINT, allowNull: false }, // bytes
    storage_type: { type: DataTypes.ENUM('local', 's3', 'minio'), defaultValue: 'local' },
    bucket_name: { type: DataTypes.STRING(100) },
    storage_path: { type: DataTypes.STRING(500), allowNull: false },
    url: { type: DataTypes.STRING(500), allowNull: false },
    thumbnail_url: { type: DataTypes.STRING(500) },
    duration: { type: DataTypes.INTEGER }, // seconds, video/audio
    metadata: { type: DataTypes.JSON },
    uploaded_by: fk('users', 'RESTRICT', false),
    uploaded_at: now(),
  });
  await addIndex(qi, 'media_files', ['lesson_id'], 'idx_lesson');
  await addIndex(qi, 'media_files', ['course_id'], 'idx_course');
  await addIndex(qi, 'media_files', ['file_category'], 'idx_file_category');
  await addIndex(qi, 'media_files', ['uploaded_by'], 'idx_uploaded_by');

  if (isMysql(qi)) {
    await qi.addConstraint('lessons', {
      type: 'foreign key',
      name: LESSON_MEDIA_FK,
      fields: ['media_file_id'],
      references: { table: 'media_files', field: 'id' },
      onDelete: 'SET NULL',
      onUpdate: 'RESTRICT', // same as the inline foreign keys (MySQL's default)
    });
  }

  await createTable(
    qi,
    'enrollments',
    {
      id: id(),
      user_id: fk('users', 'CASCADE', false),
      course_id: fk('courses', 'CASCADE', false),
      status: {
        type: DataTypes.ENUM('enrolled', 'in_progress', 'completed', 'certified'),
        defaultValue: 'enrolled',
      },
      enrolled_at: now(),
      started_at: nullableDate(),
      progress_percentage: { type: DataTypes.DECIMAL(5, 2), defaultValue: 0 },
      completed_at: nullableDate(),
      is_active: { type: DataTypes.BOOLEAN, defaultValue: true },
      last_accessed_at: nullableDate(),
    },
    { chk_enrollments_progress: 'progress_percentage >= 0 AND progress_percentage <= 100' },
  );
  await addIndex(qi, 'enrollments', ['user_id', 'course_id'], 'unique_enrollment', { unique: true });
  await addIndex(qi, 'enrollments', ['user_id'], 'idx_user');
  await addIndex(qi, 'enrollments', ['course_id'], 'idx_course');
  await addIndex(qi, 'enrollments', ['status'], 'idx_status');
  await addIndex(qi, 'enrollments', ['is_active'], 'idx_is_active');
  // Instructor's "learners of my course, latest first".
  await addIndex(qi, 'enrollments', ['course_id', 'enrolled_at'], 'idx_course_enrolled');

  await createTable(
    qi,
    'progress',
    {
      id: id(),
      enrollment_id: fk('enrollments', 'CASCADE', false),
      lesson_id: fk('lessons', 'CASCADE', false),
      status: {
        type: DataTypes.ENUM('not_started', 'in_progress', 'completed'),
        defaultValue: 'not_started',
      },
      completion_percentage: { type: DataTypes.INTEGER, defaultValue: 0 },
      time_spent: { type: DataTypes.INTEGER, defaultValue: 0 }, // seconds
      completed_at: nullableDate(),
      ...timestamps(qi),
    },
    { chk_progress_completion: 'completion_percentage >= 0 AND completion_percentage <= 100' },
  );
  await addIndex(qi, 'progress', ['enrollment_id', 'lesson_id'], 'unique_progress', { unique: true });
  await addIndex(qi, 'progress', ['enrollment_id'], 'idx_enrollment');
  await addIndex(qi, 'progress', ['lesson_id'], 'idx_lesson');
  await addIndex(qi, 'progress', ['status'], 'idx_status');
};

export const down: MigrationFn = async ({ context: qi }) => {
  await dropTables(qi, ['progress', 'enrollments']);
  // MySQL refuses to drop a table still referenced by a foreign key: untie the cycle first.
  if (isMysql(qi)) await qi.removeConstraint('lessons', LESSON_MEDIA_FK);
  await dropTables(qi, ['media_files', 'lessons', 'modules']);
};
