import type { CreationOptional, InferAttributes, InferCreationAttributes, NonAttribute } from 'sequelize';
import { BelongsTo, Column, DataType, ForeignKey, Model, Table } from 'sequelize-typescript';
import { Lesson } from './lesson.model';
import { User } from './user.model';

/** Table `package_attempts` (migration 0720): a learner's CMI data for a package, per attempt. */
@Table({ tableName: 'package_attempts', underscored: true, timestamps: true })
export class PackageAttempt extends Model<
  InferAttributes<PackageAttempt>,
  InferCreationAttributes<PackageAttempt>
> {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: CreationOptional<number>;

  @ForeignKey(() => User)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare userId: number;

  @ForeignKey(() => Lesson)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare lessonId: number;

  @Column({ type: DataType.INTEGER, allowNull: false, defaultValue: 1 })
  declare attempt: CreationOptional<number>;

  @Column({ type: DataType.TEXT, allowNull: true })
  declare suspendData: CreationOptional<string | null>;

  @Column({ type: DataType.STRING(1000), allowNull: true })
  declare location: CreationOptional<string | null>;

  /** SCORM 1.2 cmi.core.lesson_status. */
  @Column({ type: DataType.STRING(20), allowNull: true })
  declare lessonStatus: CreationOptional<string | null>;

  /** SCORM 2004 cmi.completion_status; H5P: 'completed' after an xAPI completed statement. */
  @Column({ type: DataType.STRING(20), allowNull: true })
  declare completionStatus: CreationOptional<string | null>;

  /** SCORM 2004 cmi.success_status; H5P: from the statement's result.success. */
  @Column({ type: DataType.STRING(20), allowNull: true })
  declare successStatus: CreationOptional<string | null>;

  @Column({ type: DataType.DECIMAL(10, 2), allowNull: true })
  declare scoreRaw: CreationOptional<string | number | null>;

  @Column({ type: DataType.DECIMAL(10, 2), allowNull: true })
  declare scoreMax: CreationOptional<string | number | null>;

  @Column({ type: DataType.INTEGER, allowNull: false, defaultValue: 0 })
  declare totalTimeSeconds: CreationOptional<number>;

  @Column({ type: DataType.DATE, allowNull: true })
  declare completedAt: CreationOptional<Date | null>;

  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  @BelongsTo(() => Lesson, 'lessonId')
  declare lesson?: NonAttribute<Lesson>;
}
