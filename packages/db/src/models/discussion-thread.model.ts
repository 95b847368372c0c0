import type { CreationOptional, InferAttributes, InferCreationAttributes, NonAttribute } from 'sequelize';
import { BelongsTo, Column, DataType, ForeignKey, Model, Table } from 'sequelize-typescript';
import { Course } from './course.model';
import { Lesson } from './lesson.model';
import { User } from './user.model';

export const DISCUSSION_CATEGORY_VALUES = ['question', 'discussion', 'announcement'] as const;
export type DiscussionCategoryValue = (typeof DISCUSSION_CATEGORY_VALUES)[number];
export type DiscussionReviewStatus = 'approved' | 'pending';

/** Table `discussion_threads` (migration 0660). Soft-deleted (paranoid). */
@Table({ tableName: 'discussion_threads', underscored: true, timestamps: true, paranoid: true })
export class DiscussionThread extends Model<
  InferAttributes<DiscussionThread>,
  InferCreationAttributes<DiscussionThread>
> {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: CreationOptional<number>;

  @ForeignKey(() => Course)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare courseId: number;

  @ForeignKey(() => Lesson)
  @Column({ type: DataType.INTEGER, allowNull: true })
  declare lessonId: number | null;

  @ForeignKey(() => User)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare authorId: number;

  @Column({ type: DataType.STRING(20), allowNull: false })
  declare category: DiscussionCategoryValue;

  @Column({ type: DataType.STRING(200), allowNull: false })
  declare title: string;

  /** The author's Markdown. */
  @Column({ type: DataType.TEXT, allowNull: false })
  declare body: string;

  /** Rendered and sanitised once, at write time. */
  @Column({ type: DataType.TEXT, allowNull: false })
  declare bodyHtml: string;

  @Column({ type: DataType.BOOLEAN, allowNull: false, defaultValue: false })
  declare isPinned: CreationOptional<boolean>;

  @Column({ type: DataType.BOOLEAN, allowNull: false, defaultValue: false })
  declare isLocked: CreationOptional<boolean>;

  @Column({ type: DataType.BOOLEAN, allowNull: false, defaultValue: false })
  declare isHidden: CreationOptional<boolean>;

  @Column({ type: DataType.STRING(10), allowNull: false, defaultValue: 'approved' })
  declare reviewStatus: CreationOptional<DiscussionReviewStatus>;

  @Column({ type: DataType.INTEGER, allowNull: true })
  declare acceptedPostId: CreationOptional<number | null>;

  /** Who was paid XP for this thread's accepted answer (a thread pays once). */
  @Column({ type: DataType.INTEGER, allowNull: true })
  declare answerXpUserId: CreationOptional<number | null>;

  @Column({ type: DataType.INTEGER, allowNull: false, defaultValue: 0 })
  declare voteCount: CreationOptional<number>;

  @Column({ type: DataType.INTEGER, allowNull: false, defaultValue: 0 })
  declare replyCount: CreationOptional<number>;

  /** Highest post id in the thread (0: none): unread markers compare against it. */
  @Column({ type: DataType.INTEGER, allowNull: false, defaultValue: 0 })
  declare lastPostId: CreationOptional<number>;

  @Column({ type: DataType.DATE, allowNull: false })
  declare lastActivityAt: CreationOptional<Date>;

  /** Drawn by the client per draft: a repeated call with it returns the first one (migration 0810). */
  @Column({ type: DataType.STRING(64), allowNull: true })
  declare clientKey: CreationOptional<string | null>;

  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
  declare deletedAt: CreationOptional<Date | null>;

  @BelongsTo(() => User, 'authorId')
  declare author?: NonAttribute<User>;

  @BelongsTo(() => Course, 'courseId')
  declare course?: NonAttribute<Course>;

  @BelongsTo(() => Lesson, 'lessonId')
  declare lesson?: NonAttribute<Lesson | null>;
}
