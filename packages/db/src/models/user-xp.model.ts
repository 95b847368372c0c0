import type { CreationOptional, InferAttributes, InferCreationAttributes, NonAttribute } from 'sequelize';
import { BelongsTo, Column, DataType, ForeignKey, Model, Table } from 'sequelize-typescript';
import { User } from './user.model';

/** Table `user_xp`: running total and level; the per-award history is XpLedger. */
@Table({ tableName: 'user_xp', underscored: true, timestamps: true })
export class UserXp extends Model<InferAttributes<UserXp>, InferCreationAttributes<UserXp>> {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: CreationOptional<number>;

  @ForeignKey(() => User)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare userId: number;

  @Column({ type: DataType.INTEGER, defaultValue: 0 })
  declare totalXp: CreationOptional<number>;

  @Column({ type: DataType.INTEGER, defaultValue: 1 })
  declare currentLevel: CreationOptional<number>;

  @Column({ type: DataType.INTEGER })
  declare xpToNextLevel: number | null;

  /** When evaluate-badges last read this user's stats (migration 0601; the repair sweep's marker). */
  @Column({ type: DataType.DATE(3), allowNull: true })
  declare badgesEvaluatedAt: CreationOptional<Date | null>;

  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  @BelongsTo(() => User, 'userId')
  declare user?: NonAttribute<User>;
}
