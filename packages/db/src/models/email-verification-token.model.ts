import type { CreationOptional, InferAttributes, InferCreationAttributes, NonAttribute } from 'sequelize';
import { BelongsTo, Column, DataType, ForeignKey, Model, Table } from 'sequelize-typescript';
import { User } from './user.model';

// created_at only in the document.
@Table({ tableName: 'email_verification_tokens', underscored: true, timestamps: true, updatedAt: false })
export class EmailVerificationToken extends Model<InferAttributes<EmailVerificationToken>, InferCreationAttributes<EmailVerificationToken>> {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: CreationOptional<number>;

  @ForeignKey(() => User)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare userId: number;

  @Column({ type: DataType.STRING(255), allowNull: false })
  declare token: string;

  @Column({ type: DataType.DATE, allowNull: false })
  declare expiresAt: Date;

  declare createdAt: CreationOptional<Date>;

  // Added by migration 0100: the address this token proves (a pending change when it differs).
  @Column({ type: DataType.STRING(255), allowNull: true })
  declare email: CreationOptional<string | null>;

  @BelongsTo(() => User, 'userId')
  declare user?: NonAttribute<User>;
}
