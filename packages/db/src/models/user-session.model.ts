import type { CreationOptional, InferAttributes, InferCreationAttributes, NonAttribute } from 'sequelize';
import { BelongsTo, Column, DataType, ForeignKey, Model, Table } from 'sequelize-typescript';
import { User } from './user.model';

// created_at only in the document.
@Table({ tableName: 'user_sessions', underscored: true, timestamps: true, updatedAt: false })
export class UserSession extends Model<InferAttributes<UserSession>, InferCreationAttributes<UserSession>> {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: CreationOptional<number>;

  @ForeignKey(() => User)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare userId: number;

  @Column({ type: DataType.STRING(255), allowNull: false })
  declare sessionId: string;

  declare createdAt: CreationOptional<Date>;

  @Column({ type: DataType.DATE, allowNull: false })
  declare expiresAt: Date;

  @BelongsTo(() => User, 'userId')
  declare user?: NonAttribute<User>;
}
