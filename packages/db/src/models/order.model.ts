// A purchase of a course (migration 0700). Amounts are integers in the currency's minor unit.
import type { CreationOptional, InferAttributes, InferCreationAttributes, NonAttribute } from 'sequelize';
import { BelongsTo, Column, DataType, ForeignKey, Model, Table } from 'sequelize-typescript';
import { Course } from './course.model';
import { User } from './user.model';
import { Voucher } from './voucher.model';

export const ORDER_STATUSES = ['pending', 'paid', 'failed', 'cancelled', 'refunded'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export const PAYMENT_PROVIDERS = ['fedapay', 'transfer', 'voucher'] as const;
export type PaymentProvider = (typeof PAYMENT_PROVIDERS)[number];

@Table({ tableName: 'orders', underscored: true, timestamps: true })
export class Order extends Model<InferAttributes<Order>, InferCreationAttributes<Order>> {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: CreationOptional<number>;

  @Column({ type: DataType.STRING(20), allowNull: false })
  declare reference: string;

  @ForeignKey(() => User)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare userId: number;

  @ForeignKey(() => Course)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare courseId: number;

  @Column({ type: DataType.INTEGER, allowNull: false })
  declare listAmount: number;

  @Column({ type: DataType.INTEGER, allowNull: false, defaultValue: 0 })
  declare discountAmount: CreationOptional<number>;

  @Column({ type: DataType.INTEGER, allowNull: false })
  declare amount: number;

  @Column({ type: DataType.STRING(3), allowNull: false })
  declare currency: string;

  @Column({ type: DataType.STRING(10), allowNull: false, defaultValue: 'pending' })
  declare status: CreationOptional<OrderStatus>;

  @Column({ type: DataType.STRING(10), allowNull: false })
  declare provider: PaymentProvider;

  @Column({ type: DataType.STRING(100), allowNull: true })
  declare providerReference: CreationOptional<string | null>;

  @ForeignKey(() => Voucher)
  @Column({ type: DataType.INTEGER, allowNull: true })
  declare voucherId: CreationOptional<number | null>;

  /** "<user>:<course>" while pending or paid, NULL otherwise; unique (no double payment). */
  @Column({ type: DataType.STRING(40), allowNull: true })
  declare liveKey: CreationOptional<string | null>;

  @Column({ type: DataType.STRING(20), allowNull: true })
  declare receiptNumber: CreationOptional<string | null>;

  @Column({ type: DataType.DATE, allowNull: true })
  declare paidAt: CreationOptional<Date | null>;

  @Column({ type: DataType.DATE, allowNull: true })
  declare failedAt: CreationOptional<Date | null>;

  @Column({ type: DataType.DATE, allowNull: true })
  declare cancelledAt: CreationOptional<Date | null>;

  @Column({ type: DataType.DATE, allowNull: true })
  declare refundedAt: CreationOptional<Date | null>;

  @ForeignKey(() => User)
  @Column({ type: DataType.INTEGER, allowNull: true })
  declare decidedBy: CreationOptional<number | null>;

  @Column({ type: DataType.STRING(500), allowNull: true })
  declare note: CreationOptional<string | null>;

  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  @BelongsTo(() => User, 'userId')
  declare user?: NonAttribute<User>;

  @BelongsTo(() => Course, 'courseId')
  declare course?: NonAttribute<Course>;

  @BelongsTo(() => Voucher, 'voucherId')
  declare voucher?: NonAttribute<Voucher | null>;
}
