import type { CreationOptional, InferAttributes, InferCreationAttributes, NonAttribute } from 'sequelize';
import { Column, DataType, HasMany, HasOne, Model, Table } from 'sequelize-typescript';
import { ROLES, type Role } from '../constants';
import { Certificate } from './certificate.model';
import { Course } from './course.model';
import { Enrollment } from './enrollment.model';
import { UserBadge } from './user-badge.model';
import { UserStreak } from './user-streak.model';
import { UserXp } from './user-xp.model';

@Table({ tableName: 'users', underscored: true, timestamps: true, paranoid: true })
export class User extends Model<InferAttributes<User>, InferCreationAttributes<User>> {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: CreationOptional<number>;

  @Column({ type: DataType.STRING(255), allowNull: false })
  declare email: string;

  /** The argon2 hash (the document names the column `password`). Never return it to a client. */
  @Column({ type: DataType.STRING(255), allowNull: false })
  declare password: string;

  @Column({ type: DataType.STRING(100), allowNull: false })
  declare firstName: string;

  @Column({ type: DataType.STRING(100), allowNull: false })
  declare lastName: string;

  @Column({ type: DataType.ENUM(...ROLES), defaultValue: 'student' })
  declare role: CreationOptional<Role>;

  @Column({ type: DataType.STRING(500) })
  declare avatarUrl: string | null;

  @Column({ type: DataType.STRING(20) })
  declare phone: string | null;

  @Column({ type: DataType.STRING(255) })
  declare organization: string | null;

  @Column({ type: DataType.STRING(100) })
  declare country: string | null;

  @Column({ type: DataType.BOOLEAN, defaultValue: false })
  declare isEmailVerified: CreationOptional<boolean>;

  // Legacy single-token columns of the document; the *_tokens tables are the ones to use.
  @Column({ type: DataType.STRING(255) })
  declare emailVerificationToken: string | null;

  @Column({ type: DataType.STRING(255) })
  declare passwordResetToken: string | null;

  @Column({ type: DataType.STRING(500) })
  declare refreshToken: string | null;

  @Column({ type: DataType.BOOLEAN, defaultValue: true })
  declare isActive: CreationOptional<boolean>;

  @Column({ type: DataType.BOOLEAN, allowNull: false, defaultValue: false })
  declare hideFromLeaderboard: CreationOptional<boolean>;

  @Column({ type: DataType.STRING(5), allowNull: false, defaultValue: 'fr' })
  declare language: CreationOptional<string>;

  /** Migration 0500: e-mail me when I receive a message. */
  @Column({ type: DataType.BOOLEAN, allowNull: false, defaultValue: true })
  declare emailOnMessage: CreationOptional<boolean>;

  /** Migration 0500: e-mail me when a certificate of mine is ready. */
  @Column({ type: DataType.BOOLEAN, allowNull: false, defaultValue: true })
  declare emailOnCertificate: CreationOptional<boolean>;

  /** Migration 0660: e-mail me discussion notifications (replies, mentions, accepted answers…). */
  @Column({ type: DataType.BOOLEAN, allowNull: false, defaultValue: true })
  declare emailOnDiscussion: CreationOptional<boolean>;

  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
  declare deletedAt: CreationOptional<Date | null>;

  @HasMany(() => Course, 'instructorId')
  declare courses?: NonAttribute<Course[]>;

  @HasMany(() => Enrollment, 'userId')
  declare enrollments?: NonAttribute<Enrollment[]>;

  @HasMany(() => Certificate, 'userId')
  declare certificates?: NonAttribute<Certificate[]>;

  @HasMany(() => UserBadge, 'userId')
  declare userBadges?: NonAttribute<UserBadge[]>;

  @HasOne(() => UserXp, 'userId')
  declare xp?: NonAttribute<UserXp>;

  @HasOne(() => UserStreak, 'userId')
  declare streak?: NonAttribute<UserStreak>;
}
