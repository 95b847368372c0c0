import type { CreationOptional, InferAttributes, InferCreationAttributes } from 'sequelize';
import { Column, DataType, ForeignKey, Model, Table } from 'sequelize-typescript';
import { User } from './user.model';

/** Table `xp_monthly_totals` (migration 0400): a learner's XP per month (platform time zone), kept with the ledger. */
@Table({ tableName: 'xp_monthly_totals', underscored: true, timestamps: true, createdAt: false })
export class XpMonthlyTotal extends Model<InferAttributes<XpMonthlyTotal>, InferCreationAttributes<XpMonthlyTotal>> {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: CreationOptional<number>;

  @ForeignKey(() => User)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare userId: number;

  /** 'YYYY-MM-01'. */
  @Column({ type: DataType.DATEONLY, allowNull: false })
  declare month: string;

  @Column({ type: DataType.INTEGER, allowNull: false, defaultValue: 0 })
  declare xp: CreationOptional<number>;

  declare updatedAt: CreationOptional<Date>;
}
