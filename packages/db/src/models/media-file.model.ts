import type { CreationOptional, InferAttributes, InferCreationAttributes, NonAttribute } from 'sequelize';
import { BelongsTo, Column, DataType, ForeignKey, HasMany, Model, Table } from 'sequelize-typescript';
import { FILE_CATEGORIES, MEDIA_STATUSES, STORAGE_TYPES, type FileCategory, type MediaStatus, type StorageType } from '../constants';
import { Course } from './course.model';
import { Lesson } from './lesson.model';
import { MediaRendition } from './media-rendition.model';
import { User } from './user.model';

// No created_at/updated_at in the document: uploaded_at only.
@Table({ tableName: 'media_files', underscored: true, timestamps: false })
export class MediaFile extends Model<InferAttributes<MediaFile>, InferCreationAttributes<MediaFile>> {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: CreationOptional<number>;

  @ForeignKey(() => Lesson)
  @Column({ type: DataType.INTEGER, allowNull: true })
  declare lessonId: number | null;

  @ForeignKey(() => Course)
  @Column({ type: DataType.INTEGER, allowNull: true })
  declare courseId: number | null;

  @Column({ type: DataType.STRING(255), allowNull: false })
  declare filename: string;

  @Column({ type: DataType.STRING(255), allowNull: false })
  declare originalFilename: string;

  /** MIME type. */
  @Column({ type: DataType.STRING(50), allowNull: false })
  declare fileType: string;

  @Column({ type: DataType.ENUM(...FILE_CATEGORIES), allowNull: false })
  declare fileCategory: FileCategory;

  /** Bytes. BIGINT comes back as a number below 2^53 (mysql2 supportBigNumbers). */
  @Column({ type: DataType.BIGINT, allowNull: false })
  declare fileSize: number;

  /** Images: `processing` until the worker has re-encoded them (only the uploader may read the
   * original meanwhile); `failed`: never served (migration 0621). */
  @Column({ type: DataType.ENUM(...MEDIA_STATUSES), allowNull: false, defaultValue: 'ready' })
  declare status: CreationOptional<MediaStatus>;

  @Column({ type: DataType.ENUM(...STORAGE_TYPES), defaultValue: 'local' })
  declare storageType: CreationOptional<StorageType>;

  @Column({ type: DataType.STRING(100) })
  declare bucketName: string | null;

  @Column({ type: DataType.STRING(500), allowNull: false })
  declare storagePath: string;

  @Column({ type: DataType.STRING(500), allowNull: false })
  declare url: string;

  @Column({ type: DataType.STRING(500) })
  declare thumbnailUrl: string | null;

  /** Seconds, for video and audio. */
  @Column({ type: DataType.INTEGER })
  declare duration: number | null;

  @Column({ type: DataType.JSON })
  declare metadata: Record<string, unknown> | null;

  @ForeignKey(() => User)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare uploadedBy: number;

  @Column({ type: DataType.DATE, allowNull: false, defaultValue: DataType.NOW })
  declare uploadedAt: CreationOptional<Date>;

  @BelongsTo(() => Lesson, 'lessonId')
  declare lesson?: NonAttribute<Lesson | null>;

  @BelongsTo(() => Course, 'courseId')
  declare course?: NonAttribute<Course | null>;

  @BelongsTo(() => User, 'uploadedBy')
  declare uploader?: NonAttribute<User>;

  /** Lighter versions of a video (low-data mode), made by the worker when ffmpeg is installed. */
  @HasMany(() => MediaRendition, 'mediaFileId')
  declare renditions?: NonAttribute<MediaRendition[]>;
}
