import { describe, expect, it } from 'vitest';
import {
  courseCreateInput,
  courseListInput,
  courseUpdateInput,
  lessonCreateInput,
  lessonUpdateInput,
} from './catalog';

describe('catalog inputs', () => {
  it('fills course defaults and refuses dates out of order, naming the field', () => {
    const ok = courseCreateInput.parse({ title: 'Budget citoyen', categoryId: 1 });
    expect(ok).toMatchObject({
      difficulty: 'beginner',
      language: 'fr',
      price: 0,
      currency: 'XOF',
      description: null,
    });
    const bad = courseCreateInput.safeParse({
      title: 'Budget citoyen',
      categoryId: 1,
      courseStartDate: '2026-05-01T00:00:00Z',
      courseEndDate: '2026-04-01T00:00:00Z',
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0].path).toEqual(['courseEndDate']);
  });

  it('refuses negative prices, fractional XOF and unknown currencies', () => {
    const base = { title: 'Budget citoyen', categoryId: 1 };
    expect(courseCreateInput.safeParse({ ...base, price: -1 }).error?.issues[0].path).toEqual(['price']);
    expect(courseCreateInput.safeParse({ ...base, price: 10.5 }).error?.issues[0].path).toEqual(['price']);
    expect(courseCreateInput.safeParse({ ...base, price: 10.5, currency: 'EUR' }).success).toBe(true);
    expect(courseCreateInput.safeParse({ ...base, price: 10.555, currency: 'EUR' }).success).toBe(false);
    expect(courseCreateInput.safeParse({ ...base, currency: 'xof' }).error?.issues[0].path).toEqual([
      'currency',
    ]);
  });

  it('makes every course field optional on update', () => {
    expect(courseUpdateInput.parse({ id: 3, title: 'Nouveau titre' })).toEqual({
      id: 3,
      title: 'Nouveau titre',
    });
  });

  it('requires the fields each lesson type needs', () => {
    const base = { courseId: 1, title: 'Leçon' };
    expect(lessonCreateInput.safeParse({ ...base, contentType: 'text' }).error?.issues[0].path).toEqual([
      'contentText',
    ]);
    expect(
      lessonCreateInput.safeParse({ ...base, contentType: 'text', contentText: 'Bonjour' }).success,
    ).toBe(true);
    expect(lessonCreateInput.safeParse({ ...base, contentType: 'video' }).error?.issues[0].path).toEqual([
      'mediaFileId',
    ]);
    expect(
      lessonCreateInput.safeParse({ ...base, contentType: 'video', videoUrl: 'https://example.org/v.mp4' })
        .success,
    ).toBe(true);
    expect(
      lessonCreateInput.safeParse({ ...base, contentType: 'video', videoUrl: 'javascript:alert(1)' }).success,
    ).toBe(false);
    expect(lessonCreateInput.safeParse({ ...base, contentType: 'quiz' }).success).toBe(true);
    expect(lessonUpdateInput.parse({ id: 4 })).toEqual({ id: 4 });
  });

  it('checks the price range of the catalog filters', () => {
    expect(courseListInput.safeParse({ minPrice: 10, maxPrice: 5 }).error?.issues[0].path).toEqual([
      'maxPrice',
    ]);
    expect(courseListInput.parse({})).toMatchObject({ sort: 'newest', limit: 20 });
  });
});
