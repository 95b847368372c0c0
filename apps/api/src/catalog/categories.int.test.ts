// Categories: admins create, rename, recolour and deactivate them; the public list counts
// published courses; a deactivated category takes no new course.
import type { Actor } from '@mdsc/core';
import { Category } from '@mdsc/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, expectTrpcError, type Harness } from '../testing/catalog-harness';

let h: Harness;
let admin: Actor;
let instructor: Actor;

beforeAll(async () => {
  h = await createHarness();
  admin = await h.user('admin', 'cat-admin');
  instructor = await h.user('instructor', 'cat-instructor');
});
afterAll(async () => h?.close());

describe('categories', () => {
  it('are managed by admins only, with a clear error on bad input', async () => {
    const name = `Santé ${h.run}`;
    await expectTrpcError(h.caller(instructor).categories.create({ name }), 'FORBIDDEN');
    await expectTrpcError(h.caller(admin).categories.create({ name, color: 'vert' }), 'BAD_REQUEST', 'color');
    const created = await h
      .caller(admin)
      .categories.create({ name, color: '#1f7a4d', description: 'Santé communautaire' });
    expect(created).toMatchObject({ name, color: '#1f7a4d', isActive: true, courseCount: 0 });
    await expectTrpcError(h.caller(admin).categories.create({ name }), 'CONFLICT');

    const renamed = await h
      .caller(admin)
      .categories.update({ id: created.id, name: `Santé publique ${h.run}`, color: '#c00' });
    expect(renamed).toMatchObject({ name: `Santé publique ${h.run}`, color: '#c00' });
    await expectTrpcError(
      h.caller(instructor).categories.update({ id: created.id, isActive: false }),
      'FORBIDDEN',
    );
  });

  it('count published courses, and a deactivated one leaves the list and takes no new course', async () => {
    const cat = await h.caller(admin).categories.create({ name: `Éducation ${h.run}` });
    const c = await h
      .caller(instructor)
      .courses.create({ title: `Alphabétisation ${h.run}`, categoryId: cat.id, description: 'd' });
    const mod = await h.caller(instructor).modules.create({ courseId: c.id, title: 'M' });
    await h
      .caller(instructor)
      .lessons.create({
        courseId: c.id,
        moduleId: mod.id,
        title: 'L',
        contentType: 'text',
        contentText: 't',
        isPublished: true,
      });
    await h.caller(instructor).courses.publish({ id: c.id });
    const listed = (await h.caller(null).categories.list()).find((x) => x.id === cat.id);
    expect(listed?.courseCount).toBe(1);

    await h.caller(admin).categories.update({ id: cat.id, isActive: false });
    expect((await h.caller(null).categories.list()).some((x) => x.id === cat.id)).toBe(false);
    expect(
      (await h.caller(admin).categories.list({ includeInactive: true })).some((x) => x.id === cat.id),
    ).toBe(true);
    await expectTrpcError(
      h.caller(instructor).courses.create({ title: `Autre ${h.run}`, categoryId: cat.id }),
      'BAD_REQUEST',
      'categoryId',
    );
    expect((await Category.findByPk(cat.id))!.isActive).toBe(false);
  });
});
