import type { CreationOptional, InferAttributes, InferCreationAttributes, NonAttribute } from 'sequelize';
import { BelongsTo, Column, DataType, ForeignKey, Model, Table } from 'sequelize-typescript';
import { Badge } from './badge.model';
import { User } from './user.model';

// No created_at/updated_at in the document: earned_at.
@Table({ tableName: 'user_badges', underscored: true, timestamps: false })
export class UserBadge extends Model<InferAttributes<UserBadge>, InferCreationAttributes<UserBadge>> {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: CreationOptional<number>;

  @ForeignKey(() => User)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare userId: number;

  @ForeignKey(() => Badge)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare badgeId: number;

  @Column({ type: DataType.DATE, allowNull: false, defaultValue: DataType.NOW })
  declare earnedAt: CreationOptional<Date>;

  @BelongsTo(() => User, 'userId')
  declare user?: NonAttribute<User>;

  @BelongsTo(() => Badge, 'badgeId')
  declare badge?: NonAttribute<Badge>;
}
