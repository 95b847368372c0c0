// Names and descriptions of badges, challenges and categories in another language than French
// (content_translations, migration 0770). The entity's row keeps the French original; a reader in
// English gets the stored translation, and the French text where there is none. A list is translated
// with one query whatever its length, and with none in French.
import { ContentTranslation, type TranslatedEntity, type TranslatedField } from '@mdsc/db';
import { DEFAULT_LOCALE, type Locale } from '@mdsc/validators';
import type { Transaction } from 'sequelize';

/** The text of an entity's field in the reader's language, or `original` where none is stored. */
export type Translate = <T extends string | null>(id: number, field: TranslatedField, original: T) => string | T;

/** The translations of `ids` in `locale`, in one query (none in French or for an empty list). */
export async function translator(type: TranslatedEntity, ids: readonly number[], locale: Locale): Promise<Translate> {
  if (locale === DEFAULT_LOCALE || ids.length === 0) return (_id, _field, original) => original;
  const rows = await ContentTranslation.findAll({
    where: { entityType: type, entityId: [...new Set(ids)], locale },
    attributes: ['entityId', 'field', 'value'],
  });
  const text = new Map(rows.map((r) => [`${r.entityId}:${r.field}`, r.value]));
  return (id, field, original) => text.get(`${id}:${field}`) ?? original;
}

interface Named {
  id: number;
  name: string;
  description?: string | null;
}

/** Items with their name and description in `locale` (the French original where none is stored). */
export async function localize<T extends Named>(type: TranslatedEntity, items: T[], locale: Locale): Promise<T[]> {
  const tr = await translator(type, items.map((i) => i.id), locale);
  return items.map((i) => ({
    ...i,
    name: tr(i.id, 'name', i.name),
    ...(i.description !== undefined ? { description: tr(i.id, 'description', i.description) } : {}),
  }));
}

/** What an admin form shows and sends besides the French original. */
export interface EnglishNames {
  nameEn: string | null;
  descriptionEn: string | null;
}

/** The English name and description of each of `ids` (null where none), in one query. */
export async function englishNamesOf(type: TranslatedEntity, ids: readonly number[]): Promise<Map<number, EnglishNames>> {
  const out = new Map<number, EnglishNames>(ids.map((id) => [id, { nameEn: null, descriptionEn: null }]));
  if (ids.length === 0) return out;
  const rows = await ContentTranslation.findAll({
    where: { entityType: type, entityId: [...new Set(ids)], locale: 'en' },
    attributes: ['entityId', 'field', 'value'],
  });
  for (const r of rows) {
    const e = out.get(r.entityId)!;
    if (r.field === 'name') e.nameEn = r.value;
    else e.descriptionEn = r.value;
  }
  return out;
}

/**
 * Stores the English name and description an admin sent: a value replaces the stored one, null
 * (an emptied field) deletes it, undefined (not sent) leaves it.
 */
export async function saveEnglishNames(
  type: TranslatedEntity,
  id: number,
  names: Partial<EnglishNames>,
  transaction: Transaction,
): Promise<void> {
  const fields: [TranslatedField, string | null | undefined][] = [
    ['name', names.nameEn],
    ['description', names.descriptionEn],
  ];
  for (const [field, value] of fields) {
    if (value === undefined) continue;
    const key = { entityType: type, entityId: id, locale: 'en', field };
    if (value === null) await ContentTranslation.destroy({ where: key, transaction });
    else await ContentTranslation.upsert({ ...key, value }, { transaction });
  }
}

/** Deletes every translation of an entity (in the transaction that deletes it). */
export async function deleteTranslations(type: TranslatedEntity, id: number, transaction: Transaction): Promise<void> {
  await ContentTranslation.destroy({ where: { entityType: type, entityId: id }, transaction });
}
