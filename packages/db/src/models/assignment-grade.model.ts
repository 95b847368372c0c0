import type { CreationOptional, InferAttributes, InferCreationAttributes, NonAttribute } from 'sequelize';
import { BelongsTo, Column, DataType, ForeignKey, Model, Table } from 'sequelize-typescript';
import { AssignmentSubmission } from './assignment-submission.model';
import { User } from './user.model';

export type GradeOutcome = 'graded' | 'returned';

/** Table `assignment_grades` (migration 0710): the grader's decision on one submission. */
@Table({ tableName: 'assignment_grades', underscored: true, timestamps: true })
export class AssignmentGrade extends Model<InferAttributes<AssignmentGrade>, InferCreationAttributes<AssignmentGrade>> {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: CreationOptional<number>;

  @ForeignKey(() => AssignmentSubmission)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare submissionId: number;

  @Column({ type: DataType.STRING(10), allowNull: false })
  declare outcome: GradeOutcome;

  /** NULL when returned for resubmission. */
  @Column({ type: DataType.INTEGER, allowNull: true })
  declare score: number | null;

  @Column({ type: DataType.TEXT, allowNull: true })
  declare feedback: string | null;

  @ForeignKey(() => User)
  @Column({ type: DataType.INTEGER, allowNull: true })
  declare graderId: number | null;

  @Column({ type: DataType.DATE, allowNull: false })
  declare gradedAt: Date;

  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  @BelongsTo(() => AssignmentSubmission, 'submissionId')
  declare submission?: NonAttribute<AssignmentSubmission>;

  @BelongsTo(() => User, 'graderId')
  declare grader?: NonAttribute<User | null>;
}
