import type { CreationOptional, InferAttributes, InferCreationAttributes, NonAttribute } from 'sequelize';
import { BelongsTo, Column, DataType, ForeignKey, Model, Table } from 'sequelize-typescript';
import { User } from './user.model';

@Table({ tableName: 'user_streaks', underscored: true, timestamps: true })
export class UserStreak extends Model<InferAttributes<UserStreak>, InferCreationAttributes<UserStreak>> {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: CreationOptional<number>;

  @ForeignKey(() => User)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare userId: number;

  @Column({ type: DataType.INTEGER, defaultValue: 0 })
  declare dailyStreak: CreationOptional<number>;

  @Column({ type: DataType.INTEGER, defaultValue: 0 })
  declare perfectQuizStreak: CreationOptional<number>;

  /** SQL DATE, read back as 'YYYY-MM-DD'. */
  @Column({ type: DataType.DATEONLY })
  declare lastActivityDate: string | null;

  @Column({ type: DataType.INTEGER, defaultValue: 0 })
  declare longestDailyStreak: CreationOptional<number>;

  /** Added by migration 0400: the last quiz attempt counted in the perfect-quiz streak. */
  @Column({ type: DataType.INTEGER, allowNull: true })
  declare lastQuizAttemptId: CreationOptional<number | null>;

  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  @BelongsTo(() => User, 'userId')
  declare user?: NonAttribute<User>;
}
