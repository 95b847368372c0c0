import type { CreationOptional, InferAttributes, InferCreationAttributes, NonAttribute } from 'sequelize';
import { BelongsTo, Column, DataType, ForeignKey, Model, Table } from 'sequelize-typescript';
import { Challenge } from './challenge.model';
import { User } from './user.model';

// created_at only in the document.
@Table({ tableName: 'user_challenges', underscored: true, timestamps: true, updatedAt: false })
export class UserChallenge extends Model<
  InferAttributes<UserChallenge>,
  InferCreationAttributes<UserChallenge>
> {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: CreationOptional<number>;

  @ForeignKey(() => User)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare userId: number;

  @ForeignKey(() => Challenge)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare challengeId: number;

  @Column({ type: DataType.JSON })
  declare progress: Record<string, unknown> | null;

  @Column({ type: DataType.BOOLEAN, defaultValue: false })
  declare completed: CreationOptional<boolean>;

  @Column({ type: DataType.DATE })
  declare completedAt: Date | null;

  declare createdAt: CreationOptional<Date>;

  @BelongsTo(() => User, 'userId')
  declare user?: NonAttribute<User>;

  @BelongsTo(() => Challenge, 'challengeId')
  declare challenge?: NonAttribute<Challenge>;
}
