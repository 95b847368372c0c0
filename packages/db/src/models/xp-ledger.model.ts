import type { CreationOptional, InferAttributes, InferCreationAttributes, NonAttribute } from 'sequelize';
import { BelongsTo, Column, DataType, ForeignKey, Model, Table } from 'sequelize-typescript';
import { Category } from './category.model';
import { User } from './user.model';

/** Table `xp_ledger` (migration 0008): one row per XP award; unique per (user, reason, source). */
@Table({ tableName: 'xp_ledger', underscored: true, timestamps: true, updatedAt: false })
export class XpLedger extends Model<InferAttributes<XpLedger>, InferCreationAttributes<XpLedger>> {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: CreationOptional<number>;

  @ForeignKey(() => User)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare userId: number;

  @Column({ type: DataType.INTEGER, allowNull: false })
  declare amount: number;

  @Column({ type: DataType.STRING(50), allowNull: false })
  declare reason: string;

  @Column({ type: DataType.STRING(30), allowNull: false })
  declare sourceType: string;

  @Column({ type: DataType.STRING(64), allowNull: false })
  declare sourceId: string;

  /** The course's category, for per-category leaderboards. */
  @ForeignKey(() => Category)
  @Column({ type: DataType.INTEGER, allowNull: true })
  declare categoryId: number | null;

  declare createdAt: CreationOptional<Date>;

  @BelongsTo(() => User, 'userId')
  declare user?: NonAttribute<User>;

  @BelongsTo(() => Category, 'categoryId')
  declare category?: NonAttribute<Category | null>;
}
