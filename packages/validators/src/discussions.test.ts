import { describe, expect, it } from 'vitest';
import { createPostInput, createThreadInput, DISCUSSION_BODY_MAX, discussionListInput, reportInput } from './discussions';

describe('discussion inputs', () => {
  it('cleans titles and bodies before measuring them, and names the bad field', () => {
    const ok = createThreadInput.parse({
      courseId: 1,
      category: 'question',
      title: '  Une\tquestion\u202E  ',
      body: 'Ligne 1\r\nLigne 2\u0007',
    });
    expect(ok).toMatchObject({ title: 'Une question', body: 'Ligne 1\nLigne 2', attachmentIds: [] });
    const bad = createThreadInput.safeParse({ courseId: 1, category: 'poll', title: 'x', body: '   ' });
    expect(bad.success).toBe(false);
    const fields = bad.error!.issues.map((i) => i.path[0]);
    expect(fields).toEqual(expect.arrayContaining(['category', 'title', 'body']));
  });

  it('bounds bodies, attachments and list pages', () => {
    expect(createPostInput.safeParse({ threadId: 1, body: 'a'.repeat(DISCUSSION_BODY_MAX + 1) }).success).toBe(false);
    expect(createPostInput.safeParse({ threadId: 1, body: 'ok', attachmentIds: [1, 2, 3, 4, 5, 6] }).success).toBe(false);
    expect(discussionListInput.parse({ courseId: 3 })).toMatchObject({ sort: 'newest', limit: 20 });
    expect(discussionListInput.safeParse({ courseId: 3, limit: 500 }).success).toBe(false);
    expect(reportInput.safeParse({ target: 'post', id: 1, reason: 'because' }).success).toBe(false);
  });
});
