// The small discussion tables (migration 0660): votes, reports, follows, read markers, attachments.
import type { CreationOptional, InferAttributes, InferCreationAttributes, NonAttribute } from 'sequelize';
import { BelongsTo, Column, DataType, ForeignKey, Model, Table } from 'sequelize-typescript';
import { Course } from './course.model';
import { DiscussionThread } from './discussion-thread.model';
import { MediaFile } from './media-file.model';
import { User } from './user.model';

export type DiscussionTargetType = 'thread' | 'post';

/** One upvote per user and target (unique_vote). */
@Table({ tableName: 'discussion_votes', underscored: true, timestamps: true, updatedAt: false })
export class DiscussionVote extends Model<InferAttributes<DiscussionVote>, InferCreationAttributes<DiscussionVote>> {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: CreationOptional<number>;

  @ForeignKey(() => User)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare userId: number;

  @Column({ type: DataType.STRING(10), allowNull: false })
  declare targetType: DiscussionTargetType;

  @Column({ type: DataType.INTEGER, allowNull: false })
  declare targetId: number;

  declare createdAt: CreationOptional<Date>;
}

export type DiscussionReportStatus = 'open' | 'resolved' | 'dismissed';

/** A report of a thread or post; one per reporter and target (unique_report). */
@Table({ tableName: 'discussion_reports', underscored: true, timestamps: true, updatedAt: false })
export class DiscussionReport extends Model<
  InferAttributes<DiscussionReport>,
  InferCreationAttributes<DiscussionReport>
> {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: CreationOptional<number>;

  @ForeignKey(() => Course)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare courseId: number;

  @ForeignKey(() => User)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare reporterId: number;

  @Column({ type: DataType.STRING(10), allowNull: false })
  declare targetType: DiscussionTargetType;

  @Column({ type: DataType.INTEGER, allowNull: false })
  declare targetId: number;

  @Column({ type: DataType.STRING(20), allowNull: false })
  declare reason: string;

  @Column({ type: DataType.TEXT, allowNull: true })
  declare details: string | null;

  @Column({ type: DataType.STRING(10), allowNull: false, defaultValue: 'open' })
  declare status: CreationOptional<DiscussionReportStatus>;

  @Column({ type: DataType.INTEGER, allowNull: true })
  declare resolvedBy: CreationOptional<number | null>;

  @Column({ type: DataType.DATE, allowNull: true })
  declare resolvedAt: CreationOptional<Date | null>;

  declare createdAt: CreationOptional<Date>;

  @BelongsTo(() => User, 'reporterId')
  declare reporter?: NonAttribute<User>;
}

@Table({ tableName: 'discussion_follows', underscored: true, timestamps: true, updatedAt: false })
export class DiscussionFollow extends Model<
  InferAttributes<DiscussionFollow>,
  InferCreationAttributes<DiscussionFollow>
> {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: CreationOptional<number>;

  @ForeignKey(() => User)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare userId: number;

  @ForeignKey(() => DiscussionThread)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare threadId: number;

  declare createdAt: CreationOptional<Date>;
}

/** Per user and thread: the highest post id seen. */
@Table({ tableName: 'discussion_reads', underscored: true, timestamps: true, createdAt: false })
export class DiscussionRead extends Model<InferAttributes<DiscussionRead>, InferCreationAttributes<DiscussionRead>> {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: CreationOptional<number>;

  @ForeignKey(() => User)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare userId: number;

  @ForeignKey(() => DiscussionThread)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare threadId: number;

  @Column({ type: DataType.INTEGER, allowNull: false, defaultValue: 0 })
  declare lastReadPostId: CreationOptional<number>;

  declare updatedAt: CreationOptional<Date>;
}

@Table({ tableName: 'discussion_attachments', underscored: true, timestamps: true, updatedAt: false })
export class DiscussionAttachment extends Model<
  InferAttributes<DiscussionAttachment>,
  InferCreationAttributes<DiscussionAttachment>
> {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: CreationOptional<number>;

  @Column({ type: DataType.STRING(10), allowNull: false })
  declare targetType: DiscussionTargetType;

  @Column({ type: DataType.INTEGER, allowNull: false })
  declare targetId: number;

  @ForeignKey(() => MediaFile)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare mediaFileId: number;

  declare createdAt: CreationOptional<Date>;

  @BelongsTo(() => MediaFile, 'mediaFileId')
  declare mediaFile?: NonAttribute<MediaFile>;
}
