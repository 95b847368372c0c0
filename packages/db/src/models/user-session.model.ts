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

  // Added by migration 0100 (the "active sessions" page).
  @Column({ type: DataType.STRING(255), allowNull: true })
  declare userAgent: CreationOptional<string | null>;

  @Column({ type: DataType.STRING(45), allowNull: true })
  declare ipAddress: CreationOptional<string | null>;

  @Column({ type: DataType.DATE, allowNull: true })
  declare lastUsedAt: CreationOptional<Date | null>;

  @BelongsTo(() => User, 'userId')
  declare user?: NonAttribute<User>;
}
