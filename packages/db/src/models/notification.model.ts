import type { CreationOptional, InferAttributes, InferCreationAttributes, NonAttribute } from 'sequelize';
import { BelongsTo, Column, DataType, ForeignKey, Model, Table } from 'sequelize-typescript';
import { User } from './user.model';

// created_at only in the document.
@Table({ tableName: 'notifications', underscored: true, timestamps: true, updatedAt: false })
export class Notification extends Model<
  InferAttributes<Notification>,
  InferCreationAttributes<Notification>
> {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: CreationOptional<number>;

  @ForeignKey(() => User)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare userId: number;

  /** TEXT in the document ("JSON or text"): callers JSON.stringify / JSON.parse themselves. */
  @Column({ type: DataType.TEXT, allowNull: false })
  declare payload: string;

  @Column({ type: DataType.BOOLEAN, defaultValue: false })
  declare isRead: CreationOptional<boolean>;

  declare createdAt: CreationOptional<Date>;

  @BelongsTo(() => User, 'userId')
  declare user?: NonAttribute<User>;
}
