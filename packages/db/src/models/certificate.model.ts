import type { CreationOptional, InferAttributes, InferCreationAttributes, NonAttribute } from 'sequelize';
import { BelongsTo, Column, DataType, ForeignKey, Model, Table } from 'sequelize-typescript';
import { Course } from './course.model';
import { User } from './user.model';

// No created_at/updated_at in the document: issued_at / revoked_at.
@Table({ tableName: 'certificates', underscored: true, timestamps: false })
export class Certificate extends Model<InferAttributes<Certificate>, InferCreationAttributes<Certificate>> {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: CreationOptional<number>;

  @Column({ type: DataType.STRING(100), allowNull: false })
  declare certificateCode: string;

  @ForeignKey(() => User)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare userId: number;

  @ForeignKey(() => Course)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare courseId: number;

  @Column({ type: DataType.STRING(50) })
  declare certificateNumber: string | null;

  @Column({ type: DataType.DATE, allowNull: false, defaultValue: DataType.NOW })
  declare issuedAt: CreationOptional<Date>;

  /** NULL: never expires. */
  @Column({ type: DataType.DATE })
  declare expiresAt: Date | null;

  @Column({ type: DataType.BOOLEAN, defaultValue: false })
  declare verified: CreationOptional<boolean>;

  @Column({ type: DataType.STRING(500) })
  declare pdfUrl: string | null;

  @Column({ type: DataType.STRING(500) })
  declare qrCodeUrl: string | null;

  @Column({ type: DataType.BOOLEAN, defaultValue: true })
  declare isValid: CreationOptional<boolean>;

  @Column({ type: DataType.DATE })
  declare revokedAt: Date | null;

  @Column({ type: DataType.TEXT })
  declare revokedReason: string | null;

  @BelongsTo(() => User, 'userId')
  declare user?: NonAttribute<User>;

  @BelongsTo(() => Course, 'courseId')
  declare course?: NonAttribute<Course>;
}
