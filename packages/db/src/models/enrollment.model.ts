import type { CreationOptional, InferAttributes, InferCreationAttributes, NonAttribute } from 'sequelize';
import { BelongsTo, Column, DataType, ForeignKey, HasMany, Model, Table } from 'sequelize-typescript';
import { ENROLLMENT_STATUSES, type EnrollmentStatus } from '../constants';
import { Course } from './course.model';
import { Progress } from './progress.model';
import { User } from './user.model';

// No created_at/updated_at in the document: enrolled_at plays that role.
@Table({ tableName: 'enrollments', underscored: true, timestamps: false })
export class Enrollment extends Model<InferAttributes<Enrollment>, InferCreationAttributes<Enrollment>> {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: CreationOptional<number>;

  @ForeignKey(() => User)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare userId: number;

  @ForeignKey(() => Course)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare courseId: number;

  @Column({ type: DataType.ENUM(...ENROLLMENT_STATUSES), defaultValue: 'enrolled' })
  declare status: CreationOptional<EnrollmentStatus>;

  @Column({ type: DataType.DATE, allowNull: false, defaultValue: DataType.NOW })
  declare enrolledAt: CreationOptional<Date>;

  @Column({ type: DataType.DATE })
  declare startedAt: Date | null;

  /** 0–100 (CHECK constraint). */
  @Column({ type: DataType.DECIMAL(5, 2), defaultValue: 0 })
  declare progressPercentage: CreationOptional<number>;

  @Column({ type: DataType.DATE })
  declare completedAt: Date | null;

  @Column({ type: DataType.BOOLEAN, defaultValue: true })
  declare isActive: CreationOptional<boolean>;

  @Column({ type: DataType.DATE })
  declare lastAccessedAt: Date | null;

  /** The lesson opened last, for "resume where I left off" (migration 0300; no FK constraint). */
  @Column({ type: DataType.INTEGER, allowNull: true })
  declare lastLessonId: CreationOptional<number | null>;

  @BelongsTo(() => User, 'userId')
  declare user?: NonAttribute<User>;

  @BelongsTo(() => Course, 'courseId')
  declare course?: NonAttribute<Course>;

  @HasMany(() => Progress, 'enrollmentId')
  declare lessonProgress?: NonAttribute<Progress[]>;
}
