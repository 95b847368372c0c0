// The audit log of orders (migration 0700): webhooks and admin decisions, unique per (provider, event_id).
import type { CreationOptional, InferAttributes, InferCreationAttributes } from 'sequelize';
import { Column, DataType, ForeignKey, Model, Table } from 'sequelize-typescript';
import { Order } from './order.model';
import { User } from './user.model';

@Table({ tableName: 'payment_events', underscored: true, timestamps: true, updatedAt: false })
export class PaymentEvent extends Model<InferAttributes<PaymentEvent>, InferCreationAttributes<PaymentEvent>> {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: CreationOptional<number>;

  @ForeignKey(() => Order)
  @Column({ type: DataType.INTEGER, allowNull: true })
  declare orderId: number | null;

  @Column({ type: DataType.STRING(10), allowNull: false })
  declare provider: string;

  @Column({ type: DataType.STRING(100), allowNull: false })
  declare eventId: string;

  @Column({ type: DataType.STRING(50), allowNull: false })
  declare eventType: string;

  /** The raw webhook body or the decision's details (JSON text). */
  @Column({ type: DataType.TEXT, allowNull: true })
  declare payload: string | null;

  @ForeignKey(() => User)
  @Column({ type: DataType.INTEGER, allowNull: true })
  declare actorId: number | null;

  declare createdAt: CreationOptional<Date>;
}
