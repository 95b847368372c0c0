import type { CreationOptional, InferAttributes, InferCreationAttributes, NonAttribute } from 'sequelize';
import { BelongsTo, Column, DataType, ForeignKey, HasOne, Model, Table } from 'sequelize-typescript';
import { AssignmentGrade } from './assignment-grade.model';
import { Assignment } from './assignment.model';
import { Course } from './course.model';
import { MediaFile } from './media-file.model';
import { User } from './user.model';

export const SUBMISSION_STATUSES = ['submitted', 'graded', 'returned'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/** Table `assignment_submissions` (migration 0710): one learner's attempt at an assignment. */
@Table({ tableName: 'assignment_submissions', underscored: true, timestamps: true })
export class AssignmentSubmission extends Model<
  InferAttributes<AssignmentSubmission>,
  InferCreationAttributes<AssignmentSubmission>
> {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: CreationOptional<number>;

  @ForeignKey(() => Assignment)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare assignmentId: number;

  @ForeignKey(() => Course)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare courseId: number;

  @ForeignKey(() => User)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare userId: number;

  @Column({ type: DataType.INTEGER, allowNull: false, defaultValue: 1 })
  declare attempt: CreationOptional<number>;

  @Column({ type: DataType.TEXT, allowNull: true })
  declare textContent: string | null;

  @ForeignKey(() => MediaFile)
  @Column({ type: DataType.INTEGER, allowNull: true })
  declare mediaFileId: number | null;

  @Column({ type: DataType.DATE, allowNull: false })
  declare submittedAt: Date;

  @Column({ type: DataType.BOOLEAN, allowNull: false, defaultValue: false })
  declare isLate: CreationOptional<boolean>;

  @Column({ type: DataType.STRING(10), allowNull: false, defaultValue: 'submitted' })
  declare status: CreationOptional<SubmissionStatus>;

  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  @BelongsTo(() => Assignment, 'assignmentId')
  declare assignment?: NonAttribute<Assignment>;

  @BelongsTo(() => User, 'userId')
  declare user?: NonAttribute<User>;

  @BelongsTo(() => MediaFile, 'mediaFileId')
  declare mediaFile?: NonAttribute<MediaFile | null>;

  @HasOne(() => AssignmentGrade, 'submissionId')
  declare grade?: NonAttribute<AssignmentGrade | null>;
}
