// The schema as the document (mdsc-mooc-schema.md) states it, plus our additions (deleted_at,
// created_at indexes, migrations 0008–0012), written out by hand so the migration test checks the
// database against the document, not against our models. A trailing "!" marks NOT NULL.

export const EXPECTED_COLUMNS: Record<string, string> = {
  users:
    'id! email! password! first_name! last_name! role avatar_url phone organization country is_email_verified ' +
    'email_verification_token password_reset_token refresh_token is_active created_at! updated_at! ' +
    'deleted_at hide_from_leaderboard! language!',
  categories: 'id! name! description color icon is_active created_at! updated_at!',
  courses:
    'id! title! slug! instructor_id! category_id! prerequisite_course_id description short_description thumbnail_url ' +
    'video_url duration_minutes difficulty language price currency is_published is_featured enrollment_deadline ' +
    'course_start_date course_end_date enrollment_count rating created_at! updated_at! deleted_at',
  modules:
    'id! course_id! title! description image_url order_index! is_unlocked created_at! updated_at! deleted_at',
  lessons:
    'id! course_id! module_id title! description content_type! media_file_id content_url content_text video_url ' +
    'duration_minutes order_index! is_required is_published created_at! updated_at! deleted_at',
  media_files:
    'id! lesson_id course_id filename! original_filename! file_type! file_category! file_size! storage_type ' +
    'bucket_name storage_path! url! thumbnail_url duration metadata uploaded_by! uploaded_at!',
  enrollments:
    'id! user_id! course_id! status enrolled_at! started_at progress_percentage completed_at is_active last_accessed_at',
  progress:
    'id! enrollment_id! lesson_id! status completion_percentage time_spent completed_at created_at! updated_at!',
  quizzes:
    'id! course_id! lesson_id title! description time_limit_minutes passing_score max_attempts is_final ' +
    'is_published created_at! updated_at!',
  quiz_questions:
    'id! quiz_id! question_text! question_type! options correct_answer points order_index! is_active created_at! updated_at!',
  quiz_attempts:
    'id! user_id! quiz_id! answers! started_at! completed_at score total_points percentage is_passed time_spent_minutes',
  certificates:
    'id! certificate_code! user_id! course_id! certificate_number issued_at! expires_at verified pdf_url qr_code_url ' +
    'is_valid revoked_at revoked_reason',
  badges: 'id! name! description icon_url pdf_url category criteria! created_at! updated_at! is_active tier!',
  user_badges: 'id! user_id! badge_id! earned_at!',
  user_xp: 'id! user_id! total_xp current_level xp_to_next_level created_at! updated_at!',
  user_streaks:
    'id! user_id! daily_streak perfect_quiz_streak last_activity_date longest_daily_streak created_at! updated_at!',
  challenges:
    'id! name! description type! criteria! reward_xp reward_badge_id start_date! end_date! is_active created_at! updated_at!',
  user_challenges: 'id! user_id! challenge_id! progress completed completed_at created_at!',
  messages:
    'id! sender_id! recipient_id subject! content! message_type is_read read_at created_at! deleted_at',
  notifications: 'id! user_id! payload! is_read created_at!',
  email_verification_tokens: 'id! user_id! token! expires_at! created_at!',
  password_reset_tokens: 'id! user_id! token! expires_at! created_at!',
  refresh_tokens: 'id! user_id! token! expires_at! created_at!',
  user_sessions: 'id! user_id! session_id! created_at! expires_at!',
  // Additions (migrations 0008 and 0010).
  xp_ledger: 'id! user_id! amount! reason! source_type! source_id! category_id created_at!',
  message_recipients: 'id! message_id! user_id! is_read! read_at created_at!',
};

/** Named indexes: "col1,col2", prefixed "UNIQUE " or "FULLTEXT ". */
export const EXPECTED_INDEXES: Record<string, Record<string, string>> = {
  users: {
    unique_email: 'UNIQUE email',
    idx_role: 'role',
    idx_created_at: 'created_at',
    idx_deleted_at: 'deleted_at',
  },
  categories: { unique_name: 'UNIQUE name', idx_is_active: 'is_active' },
  courses: {
    unique_slug: 'UNIQUE slug',
    idx_instructor: 'instructor_id',
    idx_category: 'category_id',
    idx_is_published: 'is_published',
    idx_prerequisite: 'prerequisite_course_id',
    idx_created_at: 'created_at',
    idx_deleted_at: 'deleted_at',
    ft_courses_search: 'FULLTEXT title,short_description,description',
  },
  modules: {
    idx_course: 'course_id',
    idx_course_order: 'course_id,order_index',
    idx_is_unlocked: 'is_unlocked',
    idx_deleted_at: 'deleted_at',
  },
  lessons: {
    idx_course: 'course_id',
    idx_module: 'module_id',
    idx_order: 'order_index',
    idx_is_published: 'is_published',
    idx_content_type: 'content_type',
    idx_media_file: 'media_file_id',
    idx_deleted_at: 'deleted_at',
    ft_lessons_content: 'FULLTEXT content_text',
  },
  media_files: {
    idx_lesson: 'lesson_id',
    idx_course: 'course_id',
    idx_file_category: 'file_category',
    idx_uploaded_by: 'uploaded_by',
  },
  enrollments: {
    unique_enrollment: 'UNIQUE user_id,course_id',
    idx_user: 'user_id',
    idx_course: 'course_id',
    idx_status: 'status',
    idx_is_active: 'is_active',
    idx_course_enrolled: 'course_id,enrolled_at',
  },
  progress: {
    unique_progress: 'UNIQUE enrollment_id,lesson_id',
    idx_enrollment: 'enrollment_id',
    idx_lesson: 'lesson_id',
    idx_status: 'status',
  },
  quizzes: { idx_course: 'course_id', idx_lesson: 'lesson_id', idx_is_published: 'is_published' },
  quiz_questions: { idx_quiz: 'quiz_id', idx_order: 'order_index', idx_is_active: 'is_active' },
  quiz_attempts: {
    idx_user: 'user_id',
    idx_quiz: 'quiz_id',
    idx_is_passed: 'is_passed',
    idx_user_quiz: 'user_id,quiz_id',
  },
  certificates: {
    unique_code: 'UNIQUE certificate_code',
    idx_user: 'user_id',
    idx_course: 'course_id',
    idx_verified: 'verified',
    idx_is_valid: 'is_valid',
  },
  badges: { idx_category: 'category', idx_is_active: 'is_active' },
  user_badges: { unique_user_badge: 'UNIQUE user_id,badge_id', idx_user: 'user_id', idx_badge: 'badge_id' },
  user_xp: { unique_user: 'UNIQUE user_id', idx_xp: 'total_xp', idx_level: 'current_level' },
  user_streaks: { unique_user: 'UNIQUE user_id', idx_daily_streak: 'daily_streak' },
  challenges: { idx_type: 'type', idx_dates: 'start_date,end_date', idx_is_active: 'is_active' },
  user_challenges: {
    unique_user_challenge: 'UNIQUE user_id,challenge_id',
    idx_user: 'user_id',
    idx_challenge: 'challenge_id',
  },
  messages: {
    idx_sender: 'sender_id',
    idx_recipient: 'recipient_id',
    idx_is_read: 'is_read',
    idx_message_type: 'message_type',
    idx_created_at: 'created_at',
    idx_recipient_created: 'recipient_id,created_at',
    idx_deleted_at: 'deleted_at',
  },
  notifications: { idx_user: 'user_id', idx_is_read: 'is_read', idx_user_created: 'user_id,created_at' },
  email_verification_tokens: { unique_token: 'UNIQUE token', idx_user: 'user_id' },
  password_reset_tokens: { unique_token: 'UNIQUE token', idx_user: 'user_id' },
  refresh_tokens: { unique_token: 'UNIQUE token', idx_user: 'user_id' },
  user_sessions: { unique_session: 'UNIQUE session_id', idx_user: 'user_id' },
  xp_ledger: {
    unique_xp_award: 'UNIQUE user_id,reason,source_type,source_id',
    idx_created_user: 'created_at,user_id',
    idx_category_user: 'category_id,user_id',
  },
  message_recipients: {
    unique_message_recipient: 'UNIQUE message_id,user_id',
    idx_user_read: 'user_id,is_read',
  },
};

/** Every foreign key: "table.column" → "referenced_table DELETE_RULE". */
export const EXPECTED_FOREIGN_KEYS: Record<string, string> = {
  'courses.instructor_id': 'users RESTRICT',
  'courses.category_id': 'categories RESTRICT',
  'courses.prerequisite_course_id': 'courses SET NULL',
  'modules.course_id': 'courses CASCADE',
  'lessons.course_id': 'courses CASCADE',
  'lessons.module_id': 'modules SET NULL',
  'lessons.media_file_id': 'media_files SET NULL',
  'media_files.lesson_id': 'lessons CASCADE',
  'media_files.course_id': 'courses CASCADE',
  'media_files.uploaded_by': 'users RESTRICT', // no ON DELETE in the document: the default
  'enrollments.user_id': 'users CASCADE',
  'enrollments.course_id': 'courses CASCADE',
  'progress.enrollment_id': 'enrollments CASCADE',
  'progress.lesson_id': 'lessons CASCADE',
  'quizzes.course_id': 'courses CASCADE',
  'quizzes.lesson_id': 'lessons SET NULL',
  'quiz_questions.quiz_id': 'quizzes CASCADE',
  'quiz_attempts.user_id': 'users CASCADE',
  'quiz_attempts.quiz_id': 'quizzes CASCADE',
  'certificates.user_id': 'users CASCADE',
  'certificates.course_id': 'courses CASCADE',
  'user_badges.user_id': 'users CASCADE',
  'user_badges.badge_id': 'badges CASCADE',
  'user_xp.user_id': 'users CASCADE',
  'user_streaks.user_id': 'users CASCADE',
  'challenges.reward_badge_id': 'badges SET NULL',
  'user_challenges.user_id': 'users CASCADE',
  'user_challenges.challenge_id': 'challenges CASCADE',
  'messages.sender_id': 'users CASCADE',
  'messages.recipient_id': 'users SET NULL',
  'notifications.user_id': 'users CASCADE',
  'email_verification_tokens.user_id': 'users CASCADE',
  'password_reset_tokens.user_id': 'users CASCADE',
  'refresh_tokens.user_id': 'users CASCADE',
  'user_sessions.user_id': 'users CASCADE',
  'xp_ledger.user_id': 'users CASCADE',
  'xp_ledger.category_id': 'categories SET NULL',
  'message_recipients.message_id': 'messages CASCADE',
  'message_recipients.user_id': 'users CASCADE',
};

/** Named CHECK constraints: "table.name". */
export const EXPECTED_CHECKS = [
  'courses.chk_courses_price',
  'courses.chk_courses_dates',
  'courses.chk_courses_rating',
  'enrollments.chk_enrollments_progress',
  'progress.chk_progress_completion',
  'quizzes.chk_quizzes_passing_score',
  'quiz_attempts.chk_quiz_attempts_percentage',
];

/** JSON columns ("table.column"): JSON on MySQL, LONGTEXT + CHECK (json_valid) on MariaDB. */
export const EXPECTED_JSON_COLUMNS = [
  'media_files.metadata',
  'quiz_questions.options',
  'quiz_attempts.answers',
  'badges.criteria',
  'challenges.criteria',
  'user_challenges.progress',
];
