import type { CreationOptional, InferAttributes, InferCreationAttributes, NonAttribute } from 'sequelize';
import { BelongsTo, Column, DataType, ForeignKey, Model, Table } from 'sequelize-typescript';
import { Message } from './message.model';
import { User } from './user.model';

/** Table `message_recipients` (migration 0010): per-recipient read state of a broadcast. */
@Table({ tableName: 'message_recipients', underscored: true, timestamps: true, updatedAt: false })
export class MessageRecipient extends Model<
  InferAttributes<MessageRecipient>,
  InferCreationAttributes<MessageRecipient>
> {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: CreationOptional<number>;

  @ForeignKey(() => Message)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare messageId: number;

  @ForeignKey(() => User)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare userId: number;

  @Column({ type: DataType.BOOLEAN, allowNull: false, defaultValue: false })
  declare isRead: CreationOptional<boolean>;

  @Column({ type: DataType.DATE })
  declare readAt: Date | null;

  /** Migration 0500: the recipient removed it from their inbox. */
  @Column({ type: DataType.DATE, allowNull: true })
  declare deletedAt: CreationOptional<Date | null>;

  declare createdAt: CreationOptional<Date>;

  @BelongsTo(() => Message, 'messageId')
  declare message?: NonAttribute<Message>;

  @BelongsTo(() => User, 'userId')
  declare user?: NonAttribute<User>;
}
