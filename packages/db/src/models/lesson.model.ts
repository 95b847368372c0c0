import type { CreationOptional, InferAttributes, InferCreationAttributes, NonAttribute } from 'sequelize';
import {
  BelongsTo,
  Column,
  DataType,
  ForeignKey,
  HasMany,
  HasOne,
  Model,
  Table,
} from 'sequelize-typescript';
import { LESSON_CONTENT_TYPES, type LessonContentType } from '../constants';
import { CourseModule } from './course-module.model';
import { Course } from './course.model';
import { MediaFile } from './media-file.model';
import { Quiz } from './quiz.model';

@Table({ tableName: 'lessons', underscored: true, timestamps: true, paranoid: true })
export class Lesson extends Model<InferAttributes<Lesson>, InferCreationAttributes<Lesson>> {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: CreationOptional<number>;

  @ForeignKey(() => Course)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare courseId: number;

  /** NULL when the lesson hangs directly off the course. */
  @ForeignKey(() => CourseModule)
  @Column({ type: DataType.INTEGER, allowNull: true })
  declare moduleId: number | null;

  @Column({ type: DataType.STRING(255), allowNull: false })
  declare title: string;

  @Column({ type: DataType.TEXT })
  declare description: string | null;

  @Column({ type: DataType.ENUM(...LESSON_CONTENT_TYPES), allowNull: false })
  declare contentType: LessonContentType;

  @ForeignKey(() => MediaFile)
  @Column({ type: DataType.INTEGER, allowNull: true })
  declare mediaFileId: number | null;

  @Column({ type: DataType.STRING(500) })
  declare contentUrl: string | null;

  @Column({ type: DataType.TEXT })
  declare contentText: string | null;

  /** Text lessons: sanitised HTML (content_text then holds its plain-text copy). NULL: plain text only. */
  // MEDIUMTEXT in MariaDB (migration 0641); plain TEXT here, which SQLite also takes without a warning.
  @Column({ type: DataType.TEXT, allowNull: true })
  declare contentHtml: CreationOptional<string | null>;

  @Column({ type: DataType.STRING(500) })
  declare videoUrl: string | null;

  @Column({ type: DataType.INTEGER })
  declare durationMinutes: number | null;

  @Column({ type: DataType.INTEGER, allowNull: false })
  declare orderIndex: number;

  @Column({ type: DataType.BOOLEAN, defaultValue: true })
  declare isRequired: CreationOptional<boolean>;

  @Column({ type: DataType.BOOLEAN, defaultValue: false })
  declare isPublished: CreationOptional<boolean>;

  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
  declare deletedAt: CreationOptional<Date | null>;

  @BelongsTo(() => Course, 'courseId')
  declare course?: NonAttribute<Course>;

  @BelongsTo(() => CourseModule, 'moduleId')
  declare module?: NonAttribute<CourseModule | null>;

  /** The lesson's main media (video, document…). */
  @BelongsTo(() => MediaFile, 'mediaFileId')
  declare mediaFile?: NonAttribute<MediaFile | null>;

  /** Every file uploaded for this lesson (media_files.lesson_id). */
  @HasMany(() => MediaFile, 'lessonId')
  declare mediaFiles?: NonAttribute<MediaFile[]>;

  @HasOne(() => Quiz, 'lessonId')
  declare quiz?: NonAttribute<Quiz | null>;
}
