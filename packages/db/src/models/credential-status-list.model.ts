import type { CreationOptional, InferAttributes, InferCreationAttributes } from 'sequelize';
import { Column, DataType, Model, Table } from 'sequelize-typescript';

/** Table `credential_status_lists` (migration 0650): one Bitstring Status List and its signed cache. */
@Table({ tableName: 'credential_status_lists', underscored: true, timestamps: true })
export class CredentialStatusList extends Model<
  InferAttributes<CredentialStatusList>,
  InferCreationAttributes<CredentialStatusList>
> {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: false })
  declare id: number;

  /** Moves with every revocation in this list. */
  @Column({ type: DataType.INTEGER, allowNull: false, defaultValue: 0 })
  declare revision: CreationOptional<number>;

  @Column({ type: DataType.TEXT, allowNull: true })
  declare jwt: string | null;

  /** The revision the cached `jwt` was built from; stale when different from `revision`. */
  @Column({ type: DataType.INTEGER, allowNull: true })
  declare jwtRevision: number | null;

  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}
