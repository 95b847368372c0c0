// Messaging through the real routers on MariaDB: who may write to whom, broadcasts with read state
// per recipient, threads, per-user deletion, text kept as text, e-mails by preference.
import { Message, MessageRecipient, Notification } from '@mdsc/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCommsHarness, expectCode, type CommsHarness } from '../testing/comms-harness';

let h: CommsHarness;
type U = Awaited<ReturnType<CommsHarness['user']>>;
let admin: U, teacher: U, otherTeacher: U, alice: U, bob: U, carol: U, stranger: U;
let courseId: number;
let otherCourseId: number;

beforeAll(async () => {
  h = await createCommsHarness();
  admin = await h.user('admin');
  teacher = await h.user('instructor', { emailOnMessage: true });
  otherTeacher = await h.user('instructor');
  alice = await h.user('student', { firstName: 'Alice', emailOnMessage: true });
  bob = await h.user('student', { firstName: 'Bob' });
  carol = await h.user('student', { firstName: 'Carol' });
  stranger = await h.user('student', { firstName: 'Stranger' });
  courseId = await h.course(teacher.id);
  otherCourseId = await h.course(otherTeacher.id);
  for (const s of [alice, bob, carol]) await h.enrol(s.id, courseId);
  await h.enrol(stranger.id, otherCourseId);
});
afterAll(async () => h?.close());

const sentBy = (userId: number) => Message.count({ where: { senderId: userId } });

describe('who may write to whom', () => {
  it('refuses a student writing to someone they share no course with, and writes nothing', async () => {
    const before = await sentBy(stranger.id);
    await expectCode(
      h
        .caller(stranger)
        .messages.send({ recipientId: teacher.id, subject: 'Bonjour', content: 'Une question' }),
      'FORBIDDEN',
    );
    // Two students of the same course: not allowed either (documented rule).
    await expectCode(
      h.caller(alice).messages.send({ recipientId: bob.id, subject: 'Salut', content: 'Hello' }),
      'FORBIDDEN',
    );
    await expectCode(
      h.caller(alice).messages.send({ recipientId: otherTeacher.id, subject: 'Salut', content: 'Hello' }),
      'FORBIDDEN',
    );
    expect(await sentBy(stranger.id)).toBe(before);
    expect(await sentBy(alice.id)).toBe(0);
  });

  it('lets a student and the instructor of their course write to each other, and anyone write to an admin', async () => {
    await h
      .caller(alice)
      .messages.send({ recipientId: teacher.id, subject: 'Question', content: 'Module 2 ?' });
    await h
      .caller(teacher)
      .messages.send({ recipientId: bob.id, subject: 'Relance', content: 'Où en êtes-vous ?' });
    await h.caller(stranger).messages.send({ recipientId: admin.id, subject: 'Aide', content: 'Mon compte' });
    await h.caller(admin).messages.send({ recipientId: carol.id, subject: 'Info', content: 'Bienvenue' });
    await expectCode(
      h.caller(alice).messages.send({ recipientId: alice.id, subject: 'Moi', content: 'moi' }),
      'BAD_REQUEST',
    );
  });

  it('offers in the picker exactly the people one may write to', async () => {
    const forAlice = await h.caller(alice).messages.recipients({});
    const ids = forAlice.map((u) => u.id);
    expect(ids).toContain(teacher.id);
    expect(ids).toContain(admin.id);
    for (const no of [bob.id, carol.id, otherTeacher.id, stranger.id, alice.id])
      expect(ids).not.toContain(no);
    const forTeacher = (await h.caller(teacher).messages.recipients({ query: 'Ali' })).map((u) => u.id);
    expect(forTeacher).toEqual([alice.id]);
    const wildcard = await h.caller(teacher).messages.recipients({ query: '%' });
    expect(wildcard).toEqual([]); // LIKE wildcards are searched literally
  });
});

describe('threads and read state', () => {
  it('threads replies under the first message and shows each party only their conversation', async () => {
    const first = await h
      .caller(alice)
      .messages.send({ recipientId: teacher.id, subject: 'Devoir', content: 'Pour quand ?' });
    const inbox = await h.caller(teacher).messages.inbox({ limit: 5 });
    expect(inbox.items[0]).toMatchObject({
      id: first.id,
      subject: 'Devoir',
      isRead: false,
      sender: { id: alice.id },
    });
    const reply = await h.caller(teacher).messages.reply({ messageId: first.id, content: 'Vendredi.' });
    expect(reply.threadId).toBe(first.id);
    const again = await h.caller(alice).messages.reply({ messageId: reply.id, content: 'Merci !' });
    expect(again.threadId).toBe(first.id);

    const thread = await h.caller(alice).messages.thread({ messageId: reply.id });
    expect(thread.rootId).toBe(first.id);
    expect(thread.messages.map((m) => m.content)).toEqual(['Pour quand ?', 'Vendredi.', 'Merci !']);
    expect(thread.messages[1]).toMatchObject({
      subject: 'Re: Devoir',
      isMine: false,
      sender: { id: teacher.id },
    });
    await expectCode(h.caller(bob).messages.thread({ messageId: first.id }), 'NOT_FOUND');
    await expectCode(h.caller(bob).messages.reply({ messageId: first.id, content: 'intrus' }), 'NOT_FOUND');

    const unreadBefore = await h.caller(alice).messages.unreadCount();
    const after = await h.caller(alice).messages.markThreadRead({ messageId: first.id });
    expect(after.unreadCount).toBe(unreadBefore - 1);
    // The sender's read receipt follows (messages.is_read of the direct message).
    const sent = await h.caller(teacher).messages.sent({ limit: 10 });
    expect(sent.items.find((m) => m.id === reply.id)).toMatchObject({ readCount: 1, recipientCount: 1 });
  });

  it('keeps the read state of a broadcast per recipient', async () => {
    const before = {
      bob: await h.caller(bob).messages.unreadCount(),
      carol: await h.caller(carol).messages.unreadCount(),
    };
    const b = await h.caller(teacher).messages.broadcastCourse({
      courseId,
      subject: 'Classe virtuelle',
      content: 'Rendez-vous jeudi à 18 h.',
    });
    expect(b.recipientCount).toBe(3);
    expect(await MessageRecipient.count({ where: { messageId: b.id } })).toBe(3);
    const row = await Message.findByPk(b.id);
    expect(row).toMatchObject({ messageType: 'broadcast', recipientId: null, courseId, audience: 'course' });

    await h.caller(bob).messages.markRead({ messageId: b.id });
    expect(await h.caller(bob).messages.unreadCount()).toBe(before.bob);
    expect(await h.caller(carol).messages.unreadCount()).toBe(before.carol + 1);
    const carolInbox = await h.caller(carol).messages.inbox({ limit: 1 });
    expect(carolInbox.items[0]).toMatchObject({
      id: b.id,
      type: 'broadcast',
      isRead: false,
      course: { id: courseId },
    });
    const bobInbox = await h.caller(bob).messages.inbox({ limit: 1 });
    expect(bobInbox.items[0]).toMatchObject({ id: b.id, isRead: true });

    const sent = await h.caller(teacher).messages.sent({ limit: 1 });
    expect(sent.items[0]).toMatchObject({ id: b.id, recipientCount: 3, readCount: 1 });

    // One notification per student; Bob's was cleared by reading the message.
    const notes = await Notification.findAll({
      where: { userId: [alice.id, bob.id, carol.id] },
      order: [['id', 'DESC']],
    });
    const forB = notes.filter((n) => JSON.parse(n.payload).data.messageId === b.id);
    expect(forB).toHaveLength(3);
    expect(forB.find((n) => n.userId === bob.id)?.isRead).toBe(true);
    expect(forB.find((n) => n.userId === carol.id)?.isRead).toBe(false);

    // A student replying to a broadcast writes to its sender only.
    const r = await h.caller(carol).messages.reply({ messageId: b.id, content: 'Présente !' });
    expect((await h.caller(alice).messages.thread({ messageId: b.id })).messages.map((m) => m.id)).toEqual([
      b.id,
    ]);
    expect((await h.caller(teacher).messages.thread({ messageId: b.id })).messages.map((m) => m.id)).toEqual([
      b.id,
      r.id,
    ]);
  });

  it('lets only the course owner or an admin broadcast to a course, and admins to a role', async () => {
    await expectCode(
      h.caller(otherTeacher).messages.broadcastCourse({ courseId, subject: 'x', content: 'y' }),
      'FORBIDDEN',
    );
    await expectCode(
      h.caller(alice).messages.broadcastCourse({ courseId, subject: 'x', content: 'y' }),
      'FORBIDDEN',
    );
    await expectCode(
      h.caller(teacher).messages.broadcastAll({ audience: 'all', subject: 'x', content: 'y' }),
      'FORBIDDEN',
    );
    const b = await h
      .caller(admin)
      .messages.broadcastAll({ audience: 'instructor', subject: 'Réunion', content: 'Lundi' });
    const rows = await MessageRecipient.findAll({ where: { messageId: b.id }, attributes: ['userId'] });
    const ids = rows.map((r) => r.userId);
    expect(ids).toEqual(expect.arrayContaining([teacher.id, otherTeacher.id]));
    expect(ids).not.toContain(alice.id);
    expect(ids).not.toContain(admin.id);
  });
});

describe('message text', () => {
  it('returns <script> as the text that was typed, minus control characters, and caps lengths', async () => {
    const content = 'Regardez : <script>alert("x")</script> & <b>gras</b>\u0000\u202E fin';
    const sent = await h
      .caller(alice)
      .messages.send({ recipientId: teacher.id, subject: 'Test\n<i>sujet</i>', content });
    const thread = await h.caller(teacher).messages.thread({ messageId: sent.id });
    const m = thread.messages.find((x) => x.id === sent.id)!;
    expect(m.content).toBe('Regardez : <script>alert("x")</script> & <b>gras</b> fin');
    expect(m.subject).toBe('Test <i>sujet</i>');
    const stored = await Message.findByPk(sent.id);
    expect(stored?.content).toContain('<script>'); // stored as typed, not HTML-escaped
    await expectCode(
      h
        .caller(alice)
        .messages.send({ recipientId: teacher.id, subject: 'Long', content: 'x'.repeat(10_001) }),
      'BAD_REQUEST',
    );
    await expectCode(
      h.caller(alice).messages.send({ recipientId: teacher.id, subject: ' \n ', content: 'x' }),
      'BAD_REQUEST',
    );
  });
});

describe('deletion and e-mail', () => {
  it('removes a message from one side only, and soft-deletes it once both sides removed it', async () => {
    const m = await h
      .caller(teacher)
      .messages.send({ recipientId: carol.id, subject: 'À supprimer', content: 'x' });
    await h.caller(carol).messages.delete({ messageId: m.id });
    expect((await h.caller(carol).messages.inbox({ limit: 50 })).items.map((i) => i.id)).not.toContain(m.id);
    expect((await h.caller(teacher).messages.sent({ limit: 50 })).items.map((i) => i.id)).toContain(m.id);
    await expectCode(h.caller(carol).messages.delete({ messageId: m.id }), 'NOT_FOUND');
    await h.caller(teacher).messages.delete({ messageId: m.id });
    expect(await Message.findByPk(m.id)).toBeNull();
    expect((await Message.findByPk(m.id, { paranoid: false }))?.deletedAt).toBeInstanceOf(Date);
  });

  it('e-mails a new message to a recipient who wants it, and not to one who does not', async () => {
    await h
      .caller(teacher)
      .messages.send({ recipientId: alice.id, subject: 'Votre devoir', content: 'Bravo' });
    await h.caller(teacher).messages.send({ recipientId: bob.id, subject: 'Votre devoir', content: 'Bravo' });
    const mail = await h.smtp.waitFor(alice.email, /Nouveau message/);
    expect(mail.text).toContain('/messages/');
    await h.jobs.idle();
    expect(h.smtp.to(bob.email)).toHaveLength(0);
  });
});
