import type { CreationOptional, InferAttributes, InferCreationAttributes, NonAttribute } from 'sequelize';
import { BelongsTo, Column, DataType, ForeignKey, Model, Table } from 'sequelize-typescript';
import { Lesson } from './lesson.model';
import { User } from './user.model';

export const PACKAGE_KINDS = ['scorm12', 'scorm2004', 'h5p'] as const;
export type PackageKind = (typeof PACKAGE_KINDS)[number];

/** One stored file of a package: its path inside the package and its size in bytes. */
export interface PackageFileEntry {
  path: string;
  size: number;
}

/** Table `lesson_packages` (migration 0720): the extracted SCORM or H5P package of a lesson. */
@Table({ tableName: 'lesson_packages', underscored: true, timestamps: true })
export class LessonPackage extends Model<
  InferAttributes<LessonPackage>,
  InferCreationAttributes<LessonPackage>
> {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: CreationOptional<number>;

  @ForeignKey(() => Lesson)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare lessonId: number;

  @Column({ type: DataType.STRING(10), allowNull: false })
  declare kind: PackageKind;

  /** Storage folder of this upload (`packages/<uuid>`); every upload gets a new one. */
  @Column({ type: DataType.STRING(100), allowNull: false })
  declare storagePrefix: string;

  /** Path (inside the package) of the file the player opens. */
  @Column({ type: DataType.STRING(500), allowNull: false })
  declare launchPath: string;

  @Column({ type: DataType.STRING(50), allowNull: true })
  declare version: string | null;

  @Column({ type: DataType.STRING(255), allowNull: true })
  declare title: string | null;

  /** 0–100; DECIMAL comes back as a string from mysql2. */
  @Column({ type: DataType.DECIMAL(5, 2), allowNull: true })
  declare masteryScore: string | number | null;

  @Column({ type: DataType.INTEGER, allowNull: false })
  declare fileCount: number;

  @Column({ type: DataType.BIGINT, allowNull: false })
  declare totalSize: number;

  @Column({ type: DataType.JSON, allowNull: false })
  declare files: PackageFileEntry[];

  @ForeignKey(() => User)
  @Column({ type: DataType.INTEGER, allowNull: true })
  declare uploadedBy: number | null;

  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  @BelongsTo(() => Lesson, 'lessonId')
  declare lesson?: NonAttribute<Lesson>;
}
