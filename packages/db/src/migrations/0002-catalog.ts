import {
  addFulltextIndex,
  addIndex,
  createTable,
  DataTypes,
  dropTables,
  fk,
  id,
  nullableDate,
  timestamps,
  type MigrationFn,
} from './helpers';

// Catalogue: categories and courses (schema document §2 and §3).

export const up: MigrationFn = async ({ context: qi }) => {
  await createTable(qi, 'categories', {
    id: id(),
    name: { type: DataTypes.STRING(255), allowNull: false },
    description: { type: DataTypes.TEXT },
    color: { type: DataTypes.STRING(20) },
    icon: { type: DataTypes.STRING(100) },
    is_active: { type: DataTypes.BOOLEAN, defaultValue: true },
    ...timestamps(qi),
  });
  await addIndex(qi, 'categories', ['name'], 'unique_name', { unique: true });
  await addIndex(qi, 'categories', ['is_active'], 'idx_is_active');

  await createTable(
    qi,
    'courses',
    {
      id: id(),
      title: { type: DataTypes.STRING(255), allowNull: false },
      slug: { type: DataTypes.STRING(255), allowNull: false },
      instructor_id: fk('users', 'RESTRICT', false),
      category_id: fk('categories', 'RESTRICT', false),
      prerequisite_course_id: fk('courses', 'SET NULL', true),
      description: { type: DataTypes.TEXT },
      short_description: { type: DataTypes.STRING(500) },
      thumbnail_url: { type: DataTypes.STRING(500) },
      video_url: { type: DataTypes.STRING(500) },
      duration_minutes: { type: DataTypes.INTEGER },
      difficulty: { type: DataTypes.ENUM('beginner', 'intermediate', 'advanced'), defaultValue: 'beginner' },
      language: { type: DataTypes.STRING(10), defaultValue: 'fr' },
      price: { type: DataTypes.DECIMAL(10, 2), defaultValue: 0 },
      currency: { type: DataTypes.STRING(3), defaultValue: 'XOF' },
      is_published: { type: DataTypes.BOOLEAN, defaultValue: false },
      is_featured: { type: DataTypes.BOOLEAN, defaultValue: false },
      enrollment_deadline: nullableDate(),
      course_start_date: nullableDate(),
      course_end_date: nullableDate(),
      enrollment_count: { type: DataTypes.INTEGER, defaultValue: 0 },
      rating: { type: DataTypes.DECIMAL(3, 2), defaultValue: 0 },
      ...timestamps(qi),
      deleted_at: nullableDate(),
    },
    {
      chk_courses_price: 'price >= 0',
      chk_courses_dates:
        'course_start_date IS NULL OR course_end_date IS NULL OR course_start_date < course_end_date',
      chk_courses_rating: 'rating >= 0 AND rating <= 5',
    },
  );
  await addIndex(qi, 'courses', ['slug'], 'unique_slug', { unique: true });
  await addIndex(qi, 'courses', ['instructor_id'], 'idx_instructor');
  await addIndex(qi, 'courses', ['category_id'], 'idx_category');
  await addIndex(qi, 'courses', ['is_published'], 'idx_is_published');
  await addIndex(qi, 'courses', ['prerequisite_course_id'], 'idx_prerequisite');
  await addIndex(qi, 'courses', ['created_at'], 'idx_created_at'); // catalogue "newest first"
  await addIndex(qi, 'courses', ['deleted_at'], 'idx_deleted_at');
  await addFulltextIndex(qi, 'courses', ['title', 'short_description', 'description'], 'ft_courses_search');
};

export const down: MigrationFn = async ({ context: qi }) => {
  await dropTables(qi, ['courses', 'categories']);
};
