import { describe, expect, it } from 'vitest';
import { describeNotification } from '../notifications/notification-text';
import { en } from '../../i18n/en';
import { fr } from '../../i18n/fr';

// A plain interpolation is enough here: these strings have no plurals.
const t = (key: keyof typeof fr, v: Record<string, string | number> = {}) =>
  String(fr[key]).replace(/\{(\w+)\}/g, (_m, k: string) => String(v[k] ?? ''));

describe('discussion notifications', () => {
  it('say who did what where, and lead to the post', () => {
    const data = { courseId: 1, courseTitle: 'Santé', threadId: 7, threadTitle: 'Dose ?', postId: 42, actorName: 'Koffi M' };
    const reply = describeNotification({ id: 1, type: 'discussion_reply', data, isRead: false, createdAt: '' }, t);
    expect(reply).toEqual({ text: 'Koffi M a répondu dans « Dose ? »', href: '/discussions/7#post-42' });
    const ann = describeNotification(
      { id: 2, type: 'discussion_announcement', data: { ...data, postId: undefined }, isRead: false, createdAt: '' },
      t,
    );
    expect(ann).toEqual({ text: 'Annonce dans « Santé » : Dose ?', href: '/discussions/7' });
  });

  it('has every discussion string in English too', () => {
    for (const key of Object.keys(fr).filter((k) => k.startsWith('disc.'))) {
      expect(en[key as keyof typeof en], key).toBeTruthy();
    }
  });
});
