import type { CreationOptional, InferAttributes, InferCreationAttributes, NonAttribute } from 'sequelize';
import { BelongsTo, Column, DataType, ForeignKey, Model, Table } from 'sequelize-typescript';
import { DiscussionThread, type DiscussionReviewStatus } from './discussion-thread.model';
import { User } from './user.model';

/** Table `discussion_posts` (migration 0660): replies (parentId null) and comments. Paranoid. */
@Table({ tableName: 'discussion_posts', underscored: true, timestamps: true, paranoid: true })
export class DiscussionPost extends Model<InferAttributes<DiscussionPost>, InferCreationAttributes<DiscussionPost>> {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: CreationOptional<number>;

  @ForeignKey(() => DiscussionThread)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare threadId: number;

  @Column({ type: DataType.INTEGER, allowNull: true })
  declare parentId: number | null;

  @ForeignKey(() => User)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare authorId: number;

  @Column({ type: DataType.TEXT, allowNull: false })
  declare body: string;

  @Column({ type: DataType.TEXT, allowNull: false })
  declare bodyHtml: string;

  @Column({ type: DataType.BOOLEAN, allowNull: false, defaultValue: false })
  declare isHidden: CreationOptional<boolean>;

  @Column({ type: DataType.STRING(10), allowNull: false, defaultValue: 'approved' })
  declare reviewStatus: CreationOptional<DiscussionReviewStatus>;

  @Column({ type: DataType.INTEGER, allowNull: false, defaultValue: 0 })
  declare voteCount: CreationOptional<number>;

  /** Drawn by the client per draft: a repeated call with it returns the first one (migration 0810). */
  @Column({ type: DataType.STRING(64), allowNull: true })
  declare clientKey: CreationOptional<string | null>;

  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
  declare deletedAt: CreationOptional<Date | null>;

  @BelongsTo(() => User, 'authorId')
  declare author?: NonAttribute<User>;

  @BelongsTo(() => DiscussionThread, 'threadId')
  declare thread?: NonAttribute<DiscussionThread>;
}
