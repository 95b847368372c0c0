// Who used which voucher for which order (migration 0700): the sponsor report.
import type { CreationOptional, InferAttributes, InferCreationAttributes, NonAttribute } from 'sequelize';
import { BelongsTo, Column, DataType, ForeignKey, Model, Table } from 'sequelize-typescript';
import { Course } from './course.model';
import { Order } from './order.model';
import { User } from './user.model';
import { Voucher } from './voucher.model';

@Table({ tableName: 'voucher_redemptions', underscored: true, timestamps: true, updatedAt: false })
export class VoucherRedemption extends Model<
  InferAttributes<VoucherRedemption>,
  InferCreationAttributes<VoucherRedemption>
> {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: CreationOptional<number>;

  @ForeignKey(() => Voucher)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare voucherId: number;

  @ForeignKey(() => User)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare userId: number;

  @ForeignKey(() => Order)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare orderId: number;

  @ForeignKey(() => Course)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare courseId: number;

  declare createdAt: CreationOptional<Date>;

  @BelongsTo(() => User, 'userId')
  declare user?: NonAttribute<User>;

  @BelongsTo(() => Voucher, 'voucherId')
  declare voucher?: NonAttribute<Voucher>;

  @BelongsTo(() => Course, 'courseId')
  declare course?: NonAttribute<Course>;

  @BelongsTo(() => Order, 'orderId')
  declare order?: NonAttribute<Order>;
}
