import type { CreationOptional, InferAttributes, InferCreationAttributes } from 'sequelize';
import { Column, DataType, Model, Table } from 'sequelize-typescript';

export const OUTBOX_KINDS = ['job', 'live'] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

/**
 * Table `outbox` (migration 0600): an effect (job or live event) written in the transaction of the
 * fact it follows; the relay moves it to BullMQ / the live bus and stamps `sent_at`.
 */
@Table({ tableName: 'outbox', underscored: true, timestamps: true, updatedAt: false })
export class OutboxMessage extends Model<
  InferAttributes<OutboxMessage>,
  InferCreationAttributes<OutboxMessage>
> {
  @Column({ type: DataType.BIGINT, primaryKey: true, autoIncrement: true })
  declare id: CreationOptional<number>;

  @Column({ type: DataType.ENUM(...OUTBOX_KINDS), allowNull: false })
  declare kind: OutboxKind;

  @Column({ type: DataType.STRING(40), allowNull: true })
  declare queue: string | null;

  @Column({ type: DataType.STRING(60), allowNull: true })
  declare jobName: string | null;

  @Column({ type: DataType.STRING(191), allowNull: true })
  declare jobId: string | null;

  /** Job data, or the live events (`{ userId, event }[]`). NULL once a mail was delivered. */
  @Column({ type: DataType.JSON, allowNull: true })
  declare payload: unknown;

  declare createdAt: CreationOptional<Date>;

  @Column({ type: DataType.DATE, allowNull: true })
  declare sentAt: CreationOptional<Date | null>;

  @Column({ type: DataType.INTEGER, allowNull: false, defaultValue: 0 })
  declare attempts: CreationOptional<number>;

  @Column({ type: DataType.STRING(1000), allowNull: true })
  declare lastError: CreationOptional<string | null>;

  /** Mails: when the SMTP server accepted the message (the mail job's sent-mark). */
  @Column({ type: DataType.DATE, allowNull: true })
  declare deliveredAt: CreationOptional<Date | null>;
}
