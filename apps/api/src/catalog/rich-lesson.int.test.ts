// Rich lesson text on MariaDB: saved HTML is sanitised on the server, content_text holds its plain
// text, older plain-text lessons come back as paragraphs and lists, and a text that is nothing but
// an attack is refused naming the field.
import { Lesson, MediaFile } from '@mdsc/db';
import type { Actor } from '@mdsc/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, expectTrpcError, type Harness } from '../testing/catalog-harness';

let h: Harness;
let owner: Actor;
let categoryId: number;

beforeAll(async () => {
  h = await createHarness();
  owner = await h.user('instructor', 'awa');
  categoryId = await h.category('Texte riche');
});
afterAll(async () => h?.close());

async function courseWithModule() {
  const as = h.caller(owner);
  const c = await as.courses.create({ title: `Texte riche ${h.run}`, categoryId, description: 'd' });
  const mod = await as.modules.create({ courseId: c.id, title: 'Un' });
  return { as, c, mod };
}

describe('rich lesson text', () => {
  it('stores sanitised HTML and its plain-text copy; the editor and the learner get the HTML', async () => {
    const { as, c, mod } = await courseWithModule();
    const lesson = await as.lessons.create({
      courseId: c.id,
      moduleId: mod.id,
      title: 'Les organes',
      contentType: 'text',
      contentHtml:
        '<h2>Organes</h2><p onclick="x()">L’<strong>assemblée</strong> générale</p><script>alert(1)</script><ul><li>bureau</li></ul><a href="javascript:alert(1)">piège</a><img src="x" onerror="alert(1)">',
      isPublished: true,
    });
    const expectedHtml =
      '<h2>Organes</h2><p>L’<strong>assemblée</strong> générale</p><ul><li>bureau</li></ul><a>piège</a>';
    expect(lesson.content).toMatchObject({ contentHtml: expectedHtml });
    const row = (await Lesson.findByPk(lesson.id))!;
    expect(row.contentHtml).toBe(expectedHtml);
    expect(row.contentText).toBe('Organes\n\nL’assemblée générale\n\n- bureau\n\npiège');

    // The learner's lesson view (owner preview) serves the same sanitised HTML.
    const view = await as.progress.lesson({ lessonId: lesson.id });
    expect(view.lesson.content?.contentHtml).toBe(expectedHtml);

    // Saving plain text again drops the HTML: the lesson renders from its text.
    const plain = await as.lessons.update({ id: lesson.id, contentText: 'Intro\n- un\n- deux' });
    expect(plain.content).toMatchObject({
      contentText: 'Intro\n- un\n- deux',
      contentHtml: '<p>Intro</p>\n<ul><li>un</li><li>deux</li></ul>',
    });
    expect((await Lesson.findByPk(lesson.id))!.contentHtml).toBeNull();
  });

  it('shows older plain-text lessons as paragraphs and lists', async () => {
    const { as, c, mod } = await courseWithModule();
    const lesson = await as.lessons.create({
      courseId: c.id,
      moduleId: mod.id,
      title: 'Ancienne leçon',
      contentType: 'text',
      contentText: 'Premier paragraphe.\n\nÀ retenir :\n- un\n- deux',
    });
    const editor = await as.courses.editor({ id: c.id });
    expect(editor.modules[0].lessons.find((l) => l.id === lesson.id)?.content?.contentHtml).toBe(
      '<p>Premier paragraphe.</p>\n<p>À retenir :</p>\n<ul><li>un</li><li>deux</li></ul>',
    );
  });

  it('refuses a text with nothing left once cleaned, naming contentHtml, and writes nothing', async () => {
    const { as, c, mod } = await courseWithModule();
    await expectTrpcError(
      as.lessons.create({
        courseId: c.id,
        moduleId: mod.id,
        title: 'Piège',
        contentType: 'text',
        contentHtml: '<script>alert(1)</script><iframe src="https://evil.example"></iframe>',
      }),
      'BAD_REQUEST',
      'contentHtml',
    );
    expect(await Lesson.count({ where: { courseId: c.id } })).toBe(0);
  });
});

describe("the course media library (the editor's image picker)", () => {
  const file = (
    courseId: number,
    name: string,
    category: 'image' | 'audio',
    status: 'ready' | 'processing' | 'failed',
    at: Date,
  ) =>
    MediaFile.create({
      courseId,
      lessonId: null,
      filename: `${name}.bin`,
      originalFilename: name,
      fileType: category === 'image' ? 'image/webp' : 'audio/ogg',
      fileCategory: category,
      fileSize: 10,
      status,
      storageType: 'local',
      bucketName: null,
      storagePath: `test/${name}`,
      url: '/api/media/pending',
      thumbnailUrl: null,
      duration: null,
      metadata: null,
      uploadedBy: owner.id,
      uploadedAt: at,
    });

  it("lists a course's images newest first for its instructor, without failed files; others are refused", async () => {
    const { as, c } = await courseWithModule();
    await file(c.id, 'ancienne.webp', 'image', 'ready', new Date('2026-01-01T10:00:00Z'));
    await file(c.id, 'recente.webp', 'image', 'processing', new Date('2026-02-01T10:00:00Z'));
    await file(c.id, 'cassee.webp', 'image', 'failed', new Date('2026-03-01T10:00:00Z'));
    await file(c.id, 'voix.ogg', 'audio', 'ready', new Date('2026-03-01T10:00:00Z'));
    const images = await as.media.list({ courseId: c.id, category: 'image' });
    expect(images.map((m) => m.originalFilename)).toEqual(['recente.webp', 'ancienne.webp']);
    expect(images[0]).toMatchObject({ fileCategory: 'image', status: 'processing', courseId: c.id });
    expect((await as.media.list({ courseId: c.id })).map((m) => m.originalFilename)).toEqual([
      'voix.ogg',
      'recente.webp',
      'ancienne.webp',
    ]);

    const other = await h.user('instructor', 'intrus');
    await expectTrpcError(h.caller(other).media.list({ courseId: c.id }), 'FORBIDDEN');
    const student = await h.user('student', 'eleve');
    await expectTrpcError(h.caller(student).media.list({ courseId: c.id }), 'FORBIDDEN');
  });
});
