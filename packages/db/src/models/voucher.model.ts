// Sponsor vouchers (migration 0700): used_count moves only by a conditional UPDATE.
import type { CreationOptional, InferAttributes, InferCreationAttributes, NonAttribute } from 'sequelize';
import { BelongsTo, Column, DataType, ForeignKey, Model, Table } from 'sequelize-typescript';
import { Course } from './course.model';
import { User } from './user.model';

export type VoucherKind = 'full' | 'percent';

@Table({ tableName: 'vouchers', underscored: true, timestamps: true })
export class Voucher extends Model<InferAttributes<Voucher>, InferCreationAttributes<Voucher>> {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: CreationOptional<number>;

  @Column({ type: DataType.STRING(40), allowNull: false })
  declare code: string;

  /** NULL: any course. */
  @ForeignKey(() => Course)
  @Column({ type: DataType.INTEGER, allowNull: true })
  declare courseId: number | null;

  @Column({ type: DataType.STRING(10), allowNull: false })
  declare kind: VoucherKind;

  @Column({ type: DataType.INTEGER, allowNull: true })
  declare percentOff: number | null;

  @Column({ type: DataType.INTEGER, allowNull: false })
  declare maxUses: number;

  @Column({ type: DataType.INTEGER, allowNull: false, defaultValue: 0 })
  declare usedCount: CreationOptional<number>;

  @Column({ type: DataType.DATE, allowNull: true })
  declare expiresAt: Date | null;

  @Column({ type: DataType.STRING(150), allowNull: false })
  declare sponsorName: string;

  @ForeignKey(() => User)
  @Column({ type: DataType.INTEGER, allowNull: true })
  declare createdBy: number | null;

  @Column({ type: DataType.BOOLEAN, allowNull: false, defaultValue: true })
  declare isActive: CreationOptional<boolean>;

  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  @BelongsTo(() => Course, 'courseId')
  declare course?: NonAttribute<Course | null>;
}
