// Course discussions through the real routers on MariaDB, with the posting limits on real Redis:
// access, moderation scope, hidden content, concurrent votes, accepted-answer XP, rate limits,
// sanitised Markdown, notifications, first-post review, and a bounded thread page.
import { randomBytes } from 'node:crypto';
import { createRateLimiter, localDay } from '@mdsc/core';
import { Challenge, DiscussionPost, DiscussionThread, DiscussionVote, Notification, UserChallenge, XpLedger } from '@mdsc/db';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCommsHarness, expectCode, type CommsHarness } from '../testing/comms-harness';

let h: CommsHarness;
type U = Awaited<ReturnType<CommsHarness['user']>>;
let admin: U, teacher: U, otherTeacher: U, awa: U, kofi: U, ines: U, stranger: U, lapsed: U;
let courseId: number;
let otherCourseId: number;
const redis = new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
const prefix = `mdsc-test-discussions-${randomBytes(4).toString('hex')}`;

beforeAll(async () => {
  await redis.ping();
  h = await createCommsHarness();
  // Generous limits for the suite; the rate-limit test swaps in a tight limiter of its own.
  h.deps.rateLimiter = createRateLimiter({
    redis,
    prefix,
    rules: {
      discussionPost: { account: { points: 500, duration: 60 } },
      discussionPostDaily: { account: { points: 1000, duration: 86400 } },
    },
  });
  admin = await h.user('admin');
  teacher = await h.user('instructor', { firstName: 'Prof' });
  otherTeacher = await h.user('instructor');
  awa = await h.user('student', { firstName: 'Awa' });
  kofi = await h.user('student', { firstName: 'Kofi' });
  ines = await h.user('student', { firstName: 'Ines' });
  stranger = await h.user('student', { firstName: 'Stranger' });
  lapsed = await h.user('student', { firstName: 'Lapsed' });
  courseId = await h.course(teacher.id, 'Santé');
  otherCourseId = await h.course(otherTeacher.id, 'Autre');
  for (const s of [awa, kofi, ines]) await h.enrol(s.id, courseId);
  await h.enrol(lapsed.id, courseId, { isActive: false });
  await h.enrol(stranger.id, otherCourseId);
});
afterAll(async () => {
  await h?.close();
  // This run's keys and the tight limiter's (`${prefix}-tight`).
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

const ask = (u: U, title = 'Comment calculer la dose ?', body = 'Je ne comprends pas le module 2.') =>
  h.caller(u).discussions.createThread({ courseId, category: 'question', title, body });

describe('access', () => {
  it('refuses a user not enrolled (or no longer active) to read or post, and writes nothing', async () => {
    const { id: threadId } = await ask(awa);
    const before = await DiscussionThread.count();
    for (const u of [stranger, lapsed, otherTeacher]) {
      await expectCode(h.caller(u).discussions.list({ courseId }), 'FORBIDDEN');
      await expectCode(h.caller(u).discussions.thread({ threadId }), 'FORBIDDEN');
      await expectCode(ask(u), 'FORBIDDEN');
      await expectCode(h.caller(u).discussions.reply({ threadId, body: 'intrus' }), 'FORBIDDEN');
    }
    await expectCode(h.caller(null).discussions.list({ courseId }), 'UNAUTHORIZED');
    expect(await DiscussionThread.count()).toBe(before);
    expect(await DiscussionPost.count({ where: { threadId } })).toBe(0);
    // The instructor and admins read without an enrolment.
    expect((await h.caller(teacher).discussions.list({ courseId })).canModerate).toBe(true);
    expect((await h.caller(admin).discussions.thread({ threadId })).canModerate).toBe(true);
  });

  it('keeps announcements for the instructor and tells the learners', async () => {
    await expectCode(
      h.caller(awa).discussions.createThread({ courseId, category: 'announcement', title: 'Annonce', body: 'x' }),
      'FORBIDDEN',
    );
    const before = await Notification.count({ where: { userId: kofi.id } });
    const a = await h
      .caller(teacher)
      .discussions.createThread({ courseId, category: 'announcement', title: 'Classe virtuelle jeudi', body: 'À 18 h.' });
    const rows = await Notification.findAll({ where: { userId: kofi.id }, order: [['id', 'DESC']] });
    expect(rows.length).toBe(before + 1);
    expect(JSON.parse(rows[0].payload)).toMatchObject({
      type: 'discussion_announcement',
      data: { threadId: a.id, threadTitle: 'Classe virtuelle jeudi' },
    });
    expect(await Notification.count({ where: { userId: stranger.id } })).toBe(0);
  });
});

describe('moderation', () => {
  it('lets an instructor moderate only their own courses', async () => {
    const { id: threadId } = await ask(awa, 'Question à modérer');
    const reply = await h.caller(kofi).discussions.reply({ threadId, body: 'Une réponse' });
    await expectCode(h.caller(otherTeacher).discussions.moderate({ target: 'post', id: reply.id, action: 'hide' }), 'FORBIDDEN');
    await expectCode(h.caller(otherTeacher).discussions.setFlags({ threadId, pinned: true }), 'FORBIDDEN');
    await expectCode(h.caller(awa).discussions.setFlags({ threadId, locked: true }), 'FORBIDDEN');
    await expectCode(h.caller(kofi).discussions.moderate({ target: 'thread', id: threadId, action: 'hide' }), 'FORBIDDEN');
    expect(await DiscussionThread.findByPk(threadId)).toMatchObject({ isPinned: false, isLocked: false, isHidden: false });
    expect(await h.caller(teacher).discussions.setFlags({ threadId, pinned: true, locked: true })).toEqual({
      isPinned: true,
      isLocked: true,
    });
    // Locked: learners can no longer reply; the instructor still can.
    await expectCode(h.caller(ines).discussions.reply({ threadId, body: 'Trop tard ?' }), 'FORBIDDEN');
    await h.caller(teacher).discussions.reply({ threadId, body: 'Je clos le sujet.' });
    // Other teacher's queue does not show this course's reports.
    await h.caller(ines).discussions.report({ target: 'post', id: reply.id, reason: 'spam' });
    const mine = await h.caller(teacher).discussions.queue({});
    expect(mine.items.map((i) => i.id)).toContain(reply.id);
    expect((await h.caller(otherTeacher).discussions.queue({})).items).toEqual([]);
    await expectCode(h.caller(otherTeacher).discussions.queue({ courseId }), 'FORBIDDEN');
    await expectCode(h.caller(awa).discussions.queue({}), 'FORBIDDEN');
  });

  it('hides a post from learners but keeps it for moderators, and resolves its reports', async () => {
    const { id: threadId } = await ask(awa, 'Sujet avec un abus');
    const bad = await h.caller(kofi).discussions.reply({ threadId, body: 'Contenu abusif' });
    const good = await h.caller(ines).discussions.reply({ threadId, body: 'Réponse utile' });
    await h.caller(awa).discussions.report({ target: 'post', id: bad.id, reason: 'offensive', details: 'Insulte' });
    await h.caller(ines).discussions.report({ target: 'post', id: bad.id, reason: 'offensive' });
    // Reporting twice counts once.
    await h.caller(awa).discussions.report({ target: 'post', id: bad.id, reason: 'offensive' });
    const queued = (await h.caller(teacher).discussions.queue({})).items.find((i) => i.id === bad.id);
    expect(queued).toMatchObject({ target: 'post', reportCount: 2, reasons: ['offensive'], details: ['Insulte'] });

    await h.caller(teacher).discussions.moderate({ target: 'post', id: bad.id, action: 'hide' });
    for (const u of [awa, ines]) {
      const page = await h.caller(u).discussions.thread({ threadId });
      expect(page.posts.map((p) => p.id)).toEqual([good.id]);
      await expectCode(h.caller(u).discussions.vote({ target: 'post', id: bad.id, up: true }), 'NOT_FOUND');
    }
    for (const u of [teacher, admin]) {
      const page = await h.caller(u).discussions.thread({ threadId });
      expect(page.posts.map((p) => [p.id, p.isHidden])).toEqual([
        [bad.id, true],
        [good.id, false],
      ]);
    }
    expect((await DiscussionThread.findByPk(threadId))!.replyCount).toBe(1);
    expect((await h.caller(teacher).discussions.queue({})).items.map((i) => i.id)).not.toContain(bad.id);
    // A hidden thread disappears from the learners' list too.
    await h.caller(admin).discussions.moderate({ target: 'thread', id: threadId, action: 'hide' });
    const listed = async (u: U) =>
      (await h.caller(u).discussions.list({ courseId, limit: 100 })).items.map((t) => t.id);
    expect(await listed(kofi)).not.toContain(threadId);
    expect(await listed(teacher)).toContain(threadId);
    await expectCode(h.caller(kofi).discussions.thread({ threadId }), 'NOT_FOUND');
    await h.caller(admin).discussions.moderate({ target: 'thread', id: threadId, action: 'unhide' });
    expect(await listed(kofi)).toContain(threadId);
    // Soft delete: gone for everyone, the row stays.
    await h.caller(teacher).discussions.moderate({ target: 'thread', id: threadId, action: 'delete' });
    expect(await listed(teacher)).not.toContain(threadId);
    expect(await DiscussionThread.findByPk(threadId, { paranoid: false })).not.toBeNull();
  });
});

describe('votes and answers', () => {
  it('counts one upvote per user under 20 concurrent clicks, and undoes it', async () => {
    const { id: threadId } = await ask(awa, 'Vote concurrent');
    const r = await h.caller(kofi).discussions.reply({ threadId, body: 'Voici' });
    const clicks = await Promise.allSettled(
      Array.from({ length: 20 }, () => h.caller(ines).discussions.vote({ target: 'post', id: r.id, up: true })),
    );
    expect(clicks.filter((c) => c.status === 'rejected')).toEqual([]);
    expect((await DiscussionPost.findByPk(r.id))!.voteCount).toBe(1);
    expect(await DiscussionVote.count({ where: { targetType: 'post', targetId: r.id } })).toBe(1);
    const own = await Promise.allSettled(
      Array.from({ length: 20 }, () => h.caller(awa).discussions.vote({ target: 'thread', id: threadId, up: true })),
    );
    expect(own.every((c) => c.status === 'rejected')).toBe(true); // one's own thread: refused
    expect((await DiscussionThread.findByPk(threadId))!.voteCount).toBe(0);
    await Promise.allSettled(
      Array.from({ length: 20 }, () => h.caller(kofi).discussions.vote({ target: 'thread', id: threadId, up: true })),
    );
    expect((await DiscussionThread.findByPk(threadId))!.voteCount).toBe(1);
    await Promise.all(
      Array.from({ length: 20 }, () => h.caller(ines).discussions.vote({ target: 'post', id: r.id, up: false })),
    );
    expect((await DiscussionPost.findByPk(r.id))!.voteCount).toBe(0);
    await expectCode(h.caller(kofi).discussions.vote({ target: 'post', id: r.id, up: true }), 'FORBIDDEN');
    // Most voted first.
    const byVotes = await h.caller(ines).discussions.list({ courseId, sort: 'votes', limit: 1 });
    expect(byVotes.items[0].id).toBe(threadId);
  });

  it('pays the accepted answer XP once per thread, and shows it first', async () => {
    const { id: threadId } = await ask(awa, 'Quelle posologie ?');
    const first = await h.caller(ines).discussions.reply({ threadId, body: 'Une première idée' });
    const answer = await h.caller(kofi).discussions.reply({ threadId, body: '5 mg/kg' });
    await expectCode(h.caller(ines).discussions.accept({ threadId, postId: answer.id }), 'FORBIDDEN');
    const xp = () =>
      XpLedger.findAll({ where: { reason: 'answer_accepted', sourceType: 'discussion_thread', sourceId: String(threadId) } });

    // An XP goal open today: the answer's XP counts towards it like any other XP.
    const today = localDay(h.deps.clock.now(), h.deps.config.timezone);
    const goal = await Challenge.create({
      name: `XP réponses ${Date.now()}`,
      type: 'event',
      criteria: { type: 'xp_total', value: 15 },
      rewardXp: 0,
      startDate: today,
      endDate: today,
    });
    try {
      const results = await Promise.allSettled(
        Array.from({ length: 5 }, () => h.caller(awa).discussions.accept({ threadId, postId: answer.id })),
      );
      expect(results.filter((x) => x.status === 'rejected')).toEqual([]);
      expect((await xp()).map((x) => [x.userId, x.amount])).toEqual([[kofi.id, 15]]);
      const progress = await UserChallenge.findOne({ where: { userId: kofi.id, challengeId: goal.id } });
      expect(progress?.completed).toBe(true);
    } finally {
      await UserChallenge.destroy({ where: { challengeId: goal.id } });
      await goal.destroy();
    }
    // Withdraw, accept again, move to another reply, accepted by the instructor: still one payment.
    await h.caller(awa).discussions.accept({ threadId, postId: null });
    await h.caller(awa).discussions.accept({ threadId, postId: answer.id });
    await h.caller(teacher).discussions.accept({ threadId, postId: first.id });
    await h.caller(teacher).discussions.accept({ threadId, postId: answer.id });
    expect(await xp()).toHaveLength(1);

    const page = await h.caller(ines).discussions.thread({ threadId });
    expect(page.posts.map((p) => [p.id, p.isAccepted])).toEqual([
      [answer.id, true],
      [first.id, false],
    ]);
    const n = await Notification.findAll({ where: { userId: kofi.id }, order: [['id', 'DESC']], limit: 10 });
    expect(n.map((x) => JSON.parse(x.payload).type)).toContain('discussion_answer_accepted');
    // Answered questions leave the "unanswered" list; posting never pays.
    const unanswered = await h.caller(ines).discussions.list({ courseId, sort: 'unanswered', limit: 100 });
    expect(unanswered.items.map((t) => t.id)).not.toContain(threadId);
    expect(await XpLedger.count({ where: { userId: ines.id } })).toBe(0);
  });
});

describe('limits and text', () => {
  it('answers TOO_MANY_REQUESTS past the per-minute limit, before writing anything', async () => {
    const saved = h.deps.rateLimiter;
    h.deps.rateLimiter = createRateLimiter({
      redis,
      prefix: `${prefix}-tight`,
      rules: {
        discussionPost: { account: { points: 3, duration: 60 } },
        discussionPostDaily: { account: { points: 1000, duration: 86400 } },
      },
    });
    try {
      const { id: threadId } = await ask(ines, 'Limite');
      await h.caller(ines).discussions.reply({ threadId, body: 'deux' });
      await h.caller(ines).discussions.reply({ threadId, body: 'trois' });
      const before = await DiscussionPost.count({ where: { authorId: ines.id } });
      await expectCode(h.caller(ines).discussions.reply({ threadId, body: 'quatre' }), 'TOO_MANY_REQUESTS');
      await expectCode(ask(ines, 'Encore une'), 'TOO_MANY_REQUESTS');
      expect(await DiscussionPost.count({ where: { authorId: ines.id } })).toBe(before);
      // Another learner is not affected, and the instructor is not limited.
      await h.caller(kofi).discussions.reply({ threadId, body: 'moi je peux' });
      for (let i = 0; i < 5; i++) await h.caller(teacher).discussions.reply({ threadId, body: `réponse ${i}` });
    } finally {
      h.deps.rateLimiter = saved;
    }
  });

  it('writes a post or thread sent again with its client key once, even when the twins race', async () => {
    // Users of their own: the notification counts of the other tests stay theirs.
    const [poster, follower] = [await h.user('student'), await h.user('student')];
    for (const u of [poster, follower]) await h.enrol(u.id, courseId);
    const key = () => randomBytes(12).toString('hex');
    const threadKey = key();
    const newThread = () =>
      h.caller(poster).discussions.createThread({ courseId, category: 'question', title: 'Envoyé deux fois', body: 'Réseau coupé', clientKey: threadKey });
    const first = await newThread();
    expect(await newThread()).toEqual(first);
    expect(await DiscussionThread.count({ where: { authorId: poster.id, title: 'Envoyé deux fois' } })).toBe(1);

    const postKey = key();
    await h.caller(follower).discussions.follow({ threadId: first.id, follow: true });
    const notesBefore = await Notification.count({ where: { userId: follower.id } });
    const send = () => h.caller(poster).discussions.reply({ threadId: first.id, body: 'Ma réponse', clientKey: postKey });
    const twins = await Promise.all([send(), send(), send(), send()]);
    expect(new Set(twins.map((r) => r.id)).size).toBe(1);
    expect((await send()).id).toBe(twins[0].id);
    expect(await DiscussionPost.count({ where: { threadId: first.id, authorId: poster.id } })).toBe(1);
    expect((await DiscussionThread.findByPk(first.id))!.replyCount).toBe(1);
    await h.jobs.idle();
    // The follower is told once.
    expect(await Notification.count({ where: { userId: follower.id } })).toBe(notesBefore + 1);

    // The key of a post is not a key for another thread; a malformed key names the field.
    const other = await ask(poster, 'Un autre fil');
    await expectCode(h.caller(poster).discussions.reply({ threadId: other.id, body: 'Ma réponse', clientKey: postKey }), 'BAD_REQUEST');
    await expectCode(h.caller(poster).discussions.reply({ threadId: other.id, body: 'x', clientKey: 'court' }), 'BAD_REQUEST');
    expect(await DiscussionPost.count({ where: { threadId: other.id } })).toBe(0);
    // Another learner's identical key is theirs: keys are per author.
    const theirs = await h.caller(follower).discussions.reply({ threadId: first.id, body: 'Moi aussi', clientKey: postKey });
    expect(theirs.id).not.toBe(twins[0].id);
  });

  it('renders Markdown and removes <script> and javascript: links', async () => {
    const body =
      '**Gras** <script>alert("x")</script> [piège](javascript:alert(1)) <a href="jAvAscript:alert(2)" onclick="x()">b</a> [ok](https://who.int)';
    const t = await ask(awa, 'Texte riche', body);
    const r = await h.caller(kofi).discussions.reply({ threadId: t.id, body });
    const page = await h.caller(ines).discussions.thread({ threadId: t.id });
    for (const html of [page.thread.bodyHtml, page.posts[0].bodyHtml]) {
      expect(html).toContain('<strong>Gras</strong>');
      expect(html).toContain('href="https://who.int"');
      expect(html).not.toMatch(/<script|javascript:|onclick|alert\("x"\)/i);
    }
    const stored = await DiscussionPost.findByPk(r.id);
    expect(stored!.bodyHtml).not.toMatch(/<script|javascript:/i);
    const preview = await h.caller(awa).discussions.preview({ body });
    expect(preview.html).not.toMatch(/<script|javascript:/i);
    await expectCode(ask(awa, 'x', 'court'), 'BAD_REQUEST'); // title too short: named field
  });
});

describe('notifications, follows, unread, mentions', () => {
  it('notifies the thread author, the mentioned and the followers once each, and tracks unread', async () => {
    const { id: threadId } = await ask(awa, 'Notifs');
    await h.caller(ines).discussions.follow({ threadId, follow: true });
    const count = async (u: U, type: string) =>
      (await Notification.findAll({ where: { userId: u.id } })).filter((n) => JSON.parse(n.payload).type === type)
        .length;
    const before = {
      awaReply: await count(awa, 'discussion_reply'),
      inesFollow: await count(ines, 'discussion_followed'),
      profMention: await count(teacher, 'discussion_mention'),
      inesMention: await count(ines, 'discussion_mention'),
    };
    expect((await h.caller(ines).discussions.list({ courseId, limit: 100 })).items.find((t) => t.id === threadId)?.unread).toBe(
      true,
    );
    await h.caller(ines).discussions.thread({ threadId });
    expect((await h.caller(ines).discussions.list({ courseId, limit: 100 })).items.find((t) => t.id === threadId)?.unread).toBe(
      false,
    );
    await h.caller(kofi).discussions.reply({ threadId, body: 'Demandez à @Prof, ou à @ines et @inconnu' });
    expect(await count(awa, 'discussion_reply')).toBe(before.awaReply + 1);
    expect(await count(teacher, 'discussion_mention')).toBe(before.profMention + 1);
    // Ines is mentioned and follows: one notification, the mention.
    expect(await count(ines, 'discussion_mention')).toBe(before.inesMention + 1);
    expect(await count(ines, 'discussion_followed')).toBe(before.inesFollow);
    expect((await h.caller(ines).discussions.list({ courseId, limit: 100 })).items.find((t) => t.id === threadId)?.unread).toBe(
      true,
    );
    await h.caller(teacher).discussions.reply({ threadId, body: 'Réponse' });
    expect(await count(ines, 'discussion_followed')).toBe(before.inesFollow + 1);
    expect(await count(kofi, 'discussion_reply')).toBe(0);
    // "Mark all as read" clears every unread marker of the course, in one statement.
    expect((await h.caller(ines).discussions.list({ courseId, limit: 100 })).items.some((t) => t.unread)).toBe(true);
    await h.caller(ines).discussions.markAllRead({ courseId });
    expect((await h.caller(ines).discussions.list({ courseId, limit: 100 })).items.some((t) => t.unread)).toBe(false);
  });

  it('e-mails discussion activity to those who want it, per their preference', async () => {
    const { id: threadId } = await ask(awa, 'Question par e-mail');
    await h.caller(kofi).notifications.updatePreferences({ emailOnDiscussion: false });
    await h.caller(ines).discussions.follow({ threadId, follow: true });
    await h.caller(kofi).discussions.follow({ threadId, follow: true });
    await h.caller(teacher).discussions.reply({ threadId, body: 'Voyez la leçon 3.' });
    const mail = await h.smtp.waitFor(awa.email, /Question par e-mail/);
    expect(mail.text).toContain('a répondu dans « Question par e-mail »');
    expect(mail.text).toContain(`/discussions/${threadId}#post-`);
    await h.smtp.waitFor(ines.email, /Question par e-mail/);
    await h.jobs.idle();
    expect(h.smtp.to(kofi.email).filter((m) => /Question par e-mail/.test(m.subject ?? ''))).toHaveLength(0);
    expect((await h.caller(kofi).notifications.preferences()).emailOnDiscussion).toBe(false);
  });

  it('holds a first post for review when configured, until a moderator approves it', async () => {
    h.deps.config.discussionFirstPostReview = true;
    try {
      const newbie = await h.user('student', { firstName: 'Nouveau' });
      await h.enrol(newbie.id, courseId);
      const t = await h.caller(newbie).discussions.createThread({
        courseId,
        category: 'discussion',
        title: 'Ma première question',
        body: 'Bonjour à tous',
      });
      expect(t.isPending).toBe(true);
      expect((await h.caller(kofi).discussions.list({ courseId, limit: 100 })).items.map((x) => x.id)).not.toContain(t.id);
      expect((await h.caller(newbie).discussions.list({ courseId, limit: 100 })).items.find((x) => x.id === t.id)?.isPending).toBe(
        true,
      );
      const queue = await h.caller(teacher).discussions.queue({ courseId });
      expect(queue.items.find((i) => i.id === t.id)).toMatchObject({ target: 'thread', isPending: true });
      // The menu's counter counts what waits for review too; another course's instructor sees none of it.
      const before = (await h.caller(teacher).discussions.queueCount()).count;
      expect(before).toBeGreaterThanOrEqual(1);
      expect((await h.caller(otherTeacher).discussions.queueCount()).count).toBe(0);
      await h.caller(teacher).discussions.moderate({ target: 'thread', id: t.id, action: 'approve' });
      expect((await h.caller(teacher).discussions.queueCount()).count).toBe(before - 1);
      expect((await h.caller(kofi).discussions.list({ courseId, limit: 100 })).items.map((x) => x.id)).toContain(t.id);
      // Once approved, the next post goes straight through.
      expect((await h.caller(newbie).discussions.reply({ threadId: t.id, body: 'Merci' })).isPending).toBe(false);
    } finally {
      h.deps.config.discussionFirstPostReview = false;
    }
  });
});

describe('pages', () => {
  it('pages a course list with cursors and searches it', async () => {
    const c = await h.course(teacher.id, 'Pagination');
    await h.enrol(kofi.id, c);
    for (let i = 0; i < 7; i++) {
      await h.caller(kofi).discussions.createThread({
        courseId: c,
        category: 'discussion',
        title: i === 3 ? 'Paludisme et prévention' : `Sujet numéro ${i}`,
        body: 'Texte',
      });
    }
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<ReturnType<CommsHarness['caller']>['discussions']['list']>> = await h
        .caller(kofi)
        .discussions.list({ courseId: c, limit: 3, cursor });
      seen.push(...page.items.map((t) => t.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);
    const found = await h.caller(kofi).discussions.list({ courseId: c, q: 'paludisme' });
    expect(found.items.map((t) => t.title)).toEqual(['Paludisme et prévention']);
  });

  it('serves a thread page of 50 replies in a bounded number of SQL statements', async () => {
    const { id: threadId } = await ask(awa, 'Fil de 50 réponses');
    const posters = [kofi, ines, teacher];
    const replies: number[] = [];
    for (let i = 0; i < 50; i++) {
      replies.push((await h.caller(posters[i % 3]).discussions.reply({ threadId, body: `Réponse ${i}` })).id);
    }
    for (let i = 0; i < 10; i++) {
      await h.caller(posters[i % 3]).discussions.reply({ threadId, parentId: replies[i], body: `Commentaire ${i}` });
    }
    await h.caller(ines).discussions.vote({ target: 'post', id: replies[0], up: true });
    // The jobs of the earlier posts (notifications of followers, mails) run inline in the
    // background: their statements are not the page's, so they finish first.
    await h.jobs.idle();

    const statements: string[] = [];
    const opts = h.db.sequelize.options as { logging: unknown };
    const saved = opts.logging;
    opts.logging = (sql: string) => void statements.push(sql);
    let page;
    try {
      page = await h.caller(ines).discussions.thread({ threadId, limit: 50 });
    } finally {
      opts.logging = saved;
    }
    expect(page.posts).toHaveLength(50);
    expect(page.posts.reduce((s, p) => s + p.comments.length, 0)).toBe(10);
    expect(page.posts[0].myVote).toBe(true);
    // Thread, course + enrolment, author, replies, comments, votes, attachments, follow, read marker.
    expect(statements.length).toBeLessThanOrEqual(11);
    const selects = statements.filter((s) => /SELECT/i.test(s) && /discussion_posts/.test(s));
    expect(selects.length).toBeLessThanOrEqual(2);
  });
});
