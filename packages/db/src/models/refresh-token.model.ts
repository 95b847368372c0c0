import type { CreationOptional, InferAttributes, InferCreationAttributes, NonAttribute } from 'sequelize';
import { BelongsTo, Column, DataType, ForeignKey, Model, Table } from 'sequelize-typescript';
import { User } from './user.model';

// created_at only in the document.
@Table({ tableName: 'refresh_tokens', underscored: true, timestamps: true, updatedAt: false })
export class RefreshToken extends Model<InferAttributes<RefreshToken>, InferCreationAttributes<RefreshToken>> {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: CreationOptional<number>;

  @ForeignKey(() => User)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare userId: number;

  @Column({ type: DataType.STRING(500), allowNull: false })
  declare token: string;

  @Column({ type: DataType.DATE, allowNull: false })
  declare expiresAt: Date;

  declare createdAt: CreationOptional<Date>;

  // Added by migration 0100: rotation and reuse detection.
  @Column({ type: DataType.STRING(64), allowNull: true })
  declare family: CreationOptional<string | null>;

  @Column({ type: DataType.INTEGER, allowNull: true })
  declare userSessionId: CreationOptional<number | null>;

  @Column({ type: DataType.DATE, allowNull: true })
  declare usedAt: CreationOptional<Date | null>;

  @Column({ type: DataType.DATE, allowNull: true })
  declare revokedAt: CreationOptional<Date | null>;

  @BelongsTo(() => User, 'userId')
  declare user?: NonAttribute<User>;
}
