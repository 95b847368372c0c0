import { Course } from '@mdsc/db';
import { Op } from 'sequelize';

/** "Gouvernance & Éthique : les bases" → "gouvernance-ethique-les-bases". */
export function slugify(title: string): string {
  const s = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 200)
    .replace(/-+$/g, '');
  return s || 'cours';
}

/**
 * The slug for `title`, free among all courses (soft-deleted ones too: the unique index covers
 * them). One query: every slug that is the base or base-N. A concurrent insert of the same slug
 * still loses on the unique index; callers retry.
 */
export async function uniqueSlug(title: string, exceptCourseId?: number): Promise<string> {
  const base = slugify(title);
  const rows = await Course.findAll({
    attributes: ['id', 'slug'],
    where: { [Op.or]: [{ slug: base }, { slug: { [Op.like]: `${base}-%` } }] },
    paranoid: false,
    raw: true,
  });
  const taken = new Set(rows.filter((r) => r.id !== exceptCourseId).map((r) => r.slug));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
