import type { CreationOptional, InferAttributes, InferCreationAttributes, NonAttribute } from 'sequelize';
import { BelongsTo, Column, DataType, ForeignKey, HasMany, Model, Table } from 'sequelize-typescript';
import { MESSAGE_TYPES, type MessageType } from '../constants';
import { MessageRecipient } from './message-recipient.model';
import { User } from './user.model';

// created_at only in the document, plus deleted_at (soft delete).
@Table({ tableName: 'messages', underscored: true, timestamps: true, updatedAt: false, paranoid: true })
export class Message extends Model<InferAttributes<Message>, InferCreationAttributes<Message>> {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: CreationOptional<number>;

  @ForeignKey(() => User)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare senderId: number;

  /** NULL for broadcasts (per-recipient state lives in MessageRecipient). */
  @ForeignKey(() => User)
  @Column({ type: DataType.INTEGER, allowNull: true })
  declare recipientId: number | null;

  @Column({ type: DataType.STRING(255), allowNull: false })
  declare subject: string;

  @Column({ type: DataType.TEXT, allowNull: false })
  declare content: string;

  @Column({ type: DataType.ENUM(...MESSAGE_TYPES), defaultValue: 'direct' })
  declare messageType: CreationOptional<MessageType>;

  @Column({ type: DataType.BOOLEAN, defaultValue: false })
  declare isRead: CreationOptional<boolean>;

  @Column({ type: DataType.DATE })
  declare readAt: Date | null;

  /** Migration 0500: the conversation's first message (NULL on that first message). */
  @Column({ type: DataType.INTEGER, allowNull: true })
  declare threadId: CreationOptional<number | null>;

  /** Migration 0500: the course whose students an instructor broadcast went to. */
  @Column({ type: DataType.INTEGER, allowNull: true })
  declare courseId: CreationOptional<number | null>;

  /** Migration 0500: a broadcast's audience ('course', 'all' or a role); NULL for direct messages. */
  @Column({ type: DataType.STRING(20), allowNull: true })
  declare audience: CreationOptional<string | null>;

  /** Migration 0500: the sender removed it from their "sent" view. */
  @Column({ type: DataType.DATE, allowNull: true })
  declare senderDeletedAt: CreationOptional<Date | null>;

  declare createdAt: CreationOptional<Date>;
  declare deletedAt: CreationOptional<Date | null>;

  @BelongsTo(() => User, 'senderId')
  declare sender?: NonAttribute<User>;

  @BelongsTo(() => User, 'recipientId')
  declare recipient?: NonAttribute<User | null>;

  @HasMany(() => MessageRecipient, 'messageId')
  declare messageRecipients?: NonAttribute<MessageRecipient[]>;
}
