import {
  addFulltextIndex,
  addIndex,
  createTable,
  DataTypes,
  dropColumn,
  dropTables,
  fk,
  id,
  isMysql,
  now,
  nullableDate,
  timestamps,
  type MigrationFn,
} from './helpers';

// Course discussions (issue 14). Why each table exists:
// - discussion_threads: one per question / discussion / announcement of a course, optionally tied
//   to a lesson. Counters (vote_count, reply_count) and last_post_id are kept on the row so that the
//   course's list is one indexed range scan, never a COUNT per thread. accepted_post_id has no
//   foreign key (the posts table refers to threads; a cycle would make both hard to drop).
//   answer_xp_user_id remembers who was paid for the accepted answer: a thread pays once.
// - discussion_posts: replies (parent_id NULL) and comments on replies (parent_id = a reply); two
//   levels only, enforced by the service. body is the author's Markdown, body_html the sanitised
//   rendering made once at write time (reads never render).
// - discussion_votes: one upvote per user and target; the unique key is what makes 20 concurrent
//   clicks count once (INSERT IGNORE, then the counter moves only if a row went in).
// - discussion_reports: a learner's report of a thread or post, with a reason; one per reporter and
//   target (unique). course_id is copied so that the moderation queue of a course is one index range.
// - discussion_follows: who gets "new activity" notifications for a thread.
// - discussion_reads: per user and thread, the last post id seen; unread = thread.last_post_id
//   greater than it (ids grow, so there is no clock to trust).
// - discussion_attachments: media files (already uploaded by the author to the course) on a
//   thread or post.
// - users.email_on_discussion: the per-user e-mail preference for discussion notifications.
// Soft delete: threads and posts carry deleted_at (paranoid models); moderation also has is_hidden
// (reversible) and review_status ('pending' while a new account's first post awaits review).

const TABLES = [
  'discussion_attachments',
  'discussion_reads',
  'discussion_follows',
  'discussion_reports',
  'discussion_votes',
  'discussion_posts',
  'discussion_threads',
];

const bool = (defaultValue: boolean) => ({ type: DataTypes.BOOLEAN, allowNull: false, defaultValue });
const counter = () => ({ type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 });
const review = () => ({ type: DataTypes.STRING(10), allowNull: false, defaultValue: 'approved' });
const target = () => ({ type: DataTypes.STRING(10), allowNull: false });

export const up: MigrationFn = async ({ context: qi }) => {
  await createTable(
    qi,
    'discussion_threads',
    {
      id: id(),
      course_id: fk('courses', 'CASCADE', false),
      lesson_id: fk('lessons', 'SET NULL', true),
      author_id: fk('users', 'CASCADE', false),
      category: { type: DataTypes.STRING(20), allowNull: false },
      title: { type: DataTypes.STRING(200), allowNull: false },
      body: { type: DataTypes.TEXT, allowNull: false },
      body_html: { type: DataTypes.TEXT, allowNull: false },
      is_pinned: bool(false),
      is_locked: bool(false),
      is_hidden: bool(false),
      review_status: review(),
      accepted_post_id: { type: DataTypes.INTEGER, allowNull: true },
      answer_xp_user_id: { type: DataTypes.INTEGER, allowNull: true },
      vote_count: counter(),
      reply_count: counter(),
      last_post_id: counter(),
      last_activity_at: now(),
      ...timestamps(qi),
      deleted_at: nullableDate(),
    },
    {
      chk_discussion_threads_category: "category IN ('question', 'discussion', 'announcement')",
      chk_discussion_threads_review: "review_status IN ('approved', 'pending')",
    },
  );
  // The course list: pinned first, then newest (id) — one range per course; most voted; unanswered
  // questions; a lesson's threads.
  await addIndex(qi, 'discussion_threads', ['course_id', 'deleted_at', 'is_pinned', 'id'], 'idx_course_newest');
  await addIndex(qi, 'discussion_threads', ['course_id', 'deleted_at', 'vote_count', 'id'], 'idx_course_votes');
  await addIndex(
    qi,
    'discussion_threads',
    ['course_id', 'category', 'accepted_post_id', 'deleted_at', 'id'],
    'idx_course_unanswered',
  );
  await addIndex(qi, 'discussion_threads', ['lesson_id', 'deleted_at'], 'idx_lesson');
  await addIndex(qi, 'discussion_threads', ['course_id', 'review_status'], 'idx_course_review');
  await addFulltextIndex(qi, 'discussion_threads', ['title', 'body'], 'ft_discussion_threads');

  await createTable(qi, 'discussion_posts', {
    id: id(),
    thread_id: fk('discussion_threads', 'CASCADE', false),
    parent_id: fk('discussion_posts', 'CASCADE', true),
    author_id: fk('users', 'CASCADE', false),
    body: { type: DataTypes.TEXT, allowNull: false },
    body_html: { type: DataTypes.TEXT, allowNull: false },
    is_hidden: bool(false),
    review_status: review(),
    vote_count: counter(),
    ...timestamps(qi),
    deleted_at: nullableDate(),
  });
  // A thread page: its posts in order, one range.
  await addIndex(qi, 'discussion_posts', ['thread_id', 'id'], 'idx_thread');
  // "Has this author posted before?" (first-post review) and a user's own posts.
  await addIndex(qi, 'discussion_posts', ['author_id', 'review_status'], 'idx_author_review');

  await createTable(
    qi,
    'discussion_votes',
    {
      id: id(),
      user_id: fk('users', 'CASCADE', false),
      target_type: target(),
      target_id: { type: DataTypes.INTEGER, allowNull: false },
      created_at: now(),
    },
    { chk_discussion_votes_target: "target_type IN ('thread', 'post')" },
  );
  await addIndex(qi, 'discussion_votes', ['user_id', 'target_type', 'target_id'], 'unique_vote', { unique: true });

  await createTable(
    qi,
    'discussion_reports',
    {
      id: id(),
      course_id: fk('courses', 'CASCADE', false),
      reporter_id: fk('users', 'CASCADE', false),
      target_type: target(),
      target_id: { type: DataTypes.INTEGER, allowNull: false },
      reason: { type: DataTypes.STRING(20), allowNull: false },
      details: { type: DataTypes.TEXT, allowNull: true },
      status: { type: DataTypes.STRING(10), allowNull: false, defaultValue: 'open' },
      resolved_by: fk('users', 'SET NULL', true),
      resolved_at: nullableDate(),
      created_at: now(),
    },
    {
      chk_discussion_reports_target: "target_type IN ('thread', 'post')",
      chk_discussion_reports_status: "status IN ('open', 'resolved', 'dismissed')",
    },
  );
  await addIndex(qi, 'discussion_reports', ['reporter_id', 'target_type', 'target_id'], 'unique_report', {
    unique: true,
  });
  await addIndex(qi, 'discussion_reports', ['course_id', 'status', 'id'], 'idx_course_status');
  await addIndex(qi, 'discussion_reports', ['status', 'id'], 'idx_status');
  await addIndex(qi, 'discussion_reports', ['target_type', 'target_id', 'status'], 'idx_target');

  await createTable(qi, 'discussion_follows', {
    id: id(),
    user_id: fk('users', 'CASCADE', false),
    thread_id: fk('discussion_threads', 'CASCADE', false),
    created_at: now(),
  });
  await addIndex(qi, 'discussion_follows', ['user_id', 'thread_id'], 'unique_follow', { unique: true });
  await addIndex(qi, 'discussion_follows', ['thread_id'], 'idx_thread');

  await createTable(qi, 'discussion_reads', {
    id: id(),
    user_id: fk('users', 'CASCADE', false),
    thread_id: fk('discussion_threads', 'CASCADE', false),
    last_read_post_id: counter(),
    updated_at: now(),
  });
  await addIndex(qi, 'discussion_reads', ['user_id', 'thread_id'], 'unique_read', { unique: true });

  await createTable(
    qi,
    'discussion_attachments',
    {
      id: id(),
      target_type: target(),
      target_id: { type: DataTypes.INTEGER, allowNull: false },
      media_file_id: fk('media_files', 'CASCADE', false),
      created_at: now(),
    },
    { chk_discussion_attachments_target: "target_type IN ('thread', 'post')" },
  );
  await addIndex(qi, 'discussion_attachments', ['target_type', 'target_id', 'media_file_id'], 'unique_attachment', {
    unique: true,
  });

  await qi.addColumn('users', 'email_on_discussion', {
    type: DataTypes.BOOLEAN,
    allowNull: false,
    defaultValue: true,
  });
};

export const down: MigrationFn = async ({ context: qi }) => {
  await dropColumn(qi, 'users', 'email_on_discussion');
  if (isMysql(qi)) await qi.removeIndex('discussion_threads', 'ft_discussion_threads');
  await dropTables(qi, TABLES);
};
