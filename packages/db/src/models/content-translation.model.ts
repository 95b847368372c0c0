import type { CreationOptional, InferAttributes, InferCreationAttributes } from 'sequelize';
import { Column, DataType, Model, Table } from 'sequelize-typescript';

export const TRANSLATED_ENTITIES = ['badge', 'challenge', 'category'] as const;
export type TranslatedEntity = (typeof TRANSLATED_ENTITIES)[number];
export const TRANSLATED_FIELDS = ['name', 'description'] as const;
export type TranslatedField = (typeof TRANSLATED_FIELDS)[number];

/** A badge's, challenge's or category's name or description in a language other than French (migration 0770). */
@Table({ tableName: 'content_translations', underscored: true, timestamps: true })
export class ContentTranslation extends Model<InferAttributes<ContentTranslation>, InferCreationAttributes<ContentTranslation>> {
  @Column({ type: DataType.ENUM(...TRANSLATED_ENTITIES), primaryKey: true })
  declare entityType: TranslatedEntity;

  @Column({ type: DataType.INTEGER, primaryKey: true })
  declare entityId: number;

  @Column({ type: DataType.STRING(5), primaryKey: true })
  declare locale: string;

  @Column({ type: DataType.ENUM(...TRANSLATED_FIELDS), primaryKey: true })
  declare field: TranslatedField;

  @Column({ type: DataType.TEXT, allowNull: false })
  declare value: string;

  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}
