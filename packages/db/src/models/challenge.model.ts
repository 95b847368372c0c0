import type { CreationOptional, InferAttributes, InferCreationAttributes, NonAttribute } from 'sequelize';
import { BelongsTo, Column, DataType, ForeignKey, HasMany, Model, Table } from 'sequelize-typescript';
import { CHALLENGE_TYPES, type BadgeCriteria, type ChallengeType } from '../constants';
import { Badge } from './badge.model';
import { UserChallenge } from './user-challenge.model';

@Table({ tableName: 'challenges', underscored: true, timestamps: true })
export class Challenge extends Model<InferAttributes<Challenge>, InferCreationAttributes<Challenge>> {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: CreationOptional<number>;

  @Column({ type: DataType.STRING(255), allowNull: false })
  declare name: string;

  @Column({ type: DataType.TEXT })
  declare description: string | null;

  @Column({ type: DataType.ENUM(...CHALLENGE_TYPES), allowNull: false })
  declare type: ChallengeType;

  /** Same { type, value } shape as badge criteria, e.g. { "type": "lessons_completed", "value": 5 }. */
  @Column({ type: DataType.JSON, allowNull: false })
  declare criteria: BadgeCriteria;

  @Column({ type: DataType.INTEGER, defaultValue: 0 })
  declare rewardXp: CreationOptional<number>;

  @ForeignKey(() => Badge)
  @Column({ type: DataType.INTEGER, allowNull: true })
  declare rewardBadgeId: number | null;

  /** SQL DATE, 'YYYY-MM-DD'. */
  @Column({ type: DataType.DATEONLY, allowNull: false })
  declare startDate: string;

  @Column({ type: DataType.DATEONLY, allowNull: false })
  declare endDate: string;

  @Column({ type: DataType.BOOLEAN, defaultValue: true })
  declare isActive: CreationOptional<boolean>;

  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  @BelongsTo(() => Badge, 'rewardBadgeId')
  declare rewardBadge?: NonAttribute<Badge | null>;

  @HasMany(() => UserChallenge, 'challengeId')
  declare userChallenges?: NonAttribute<UserChallenge[]>;
}
