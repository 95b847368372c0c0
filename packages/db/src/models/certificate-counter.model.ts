import type { InferAttributes, InferCreationAttributes } from 'sequelize';
import { Column, DataType, Model, Table } from 'sequelize-typescript';

/** Table `certificate_counters` (migration 0300): the last certificate number handed out per year. */
@Table({ tableName: 'certificate_counters', underscored: true, timestamps: false })
export class CertificateCounter extends Model<
  InferAttributes<CertificateCounter>,
  InferCreationAttributes<CertificateCounter>
> {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: false })
  declare year: number;

  @Column({ type: DataType.INTEGER, allowNull: false, defaultValue: 0 })
  declare lastNumber: number;
}
