import type { CreationOptional, InferAttributes, InferCreationAttributes } from 'sequelize';
import { Column, DataType, ForeignKey, Model, Table } from 'sequelize-typescript';
import { Category } from './category.model';
import { User } from './user.model';

/** Table `xp_category_totals` (migration 0400): a learner's XP per course category, kept with the ledger. */
@Table({ tableName: 'xp_category_totals', underscored: true, timestamps: true, createdAt: false })
export class XpCategoryTotal extends Model<InferAttributes<XpCategoryTotal>, InferCreationAttributes<XpCategoryTotal>> {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: CreationOptional<number>;

  @ForeignKey(() => User)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare userId: number;

  @ForeignKey(() => Category)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare categoryId: number;

  @Column({ type: DataType.INTEGER, allowNull: false, defaultValue: 0 })
  declare xp: CreationOptional<number>;

  declare updatedAt: CreationOptional<Date>;
}
