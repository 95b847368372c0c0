import type { CreationOptional, InferAttributes, InferCreationAttributes, NonAttribute } from 'sequelize';
import { BelongsTo, Column, DataType, ForeignKey, Model, Table } from 'sequelize-typescript';
import { Lesson } from './lesson.model';

export const ASSIGNMENT_LATE_POLICIES = ['accept', 'accept_flag', 'refuse'] as const;
export type AssignmentLatePolicy = (typeof ASSIGNMENT_LATE_POLICIES)[number];
export const ASSIGNMENT_SUBMISSION_TYPES = ['file', 'text', 'both'] as const;
export type AssignmentSubmissionType = (typeof ASSIGNMENT_SUBMISSION_TYPES)[number];

/** Table `assignments` (migration 0710): the settings of one assignment lesson. */
@Table({ tableName: 'assignments', underscored: true, timestamps: true })
export class Assignment extends Model<InferAttributes<Assignment>, InferCreationAttributes<Assignment>> {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: CreationOptional<number>;

  @ForeignKey(() => Lesson)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare lessonId: number;

  /** Sanitised HTML (catalog/rich-text.ts), written at save time. */
  @Column({ type: DataType.TEXT, allowNull: false })
  declare instructionsHtml: string;

  @Column({ type: DataType.DATE, allowNull: true })
  declare dueAt: Date | null;

  @Column({ type: DataType.STRING(12), allowNull: false, defaultValue: 'accept_flag' })
  declare latePolicy: CreationOptional<AssignmentLatePolicy>;

  /** The maximum score. */
  @Column({ type: DataType.INTEGER, allowNull: false, defaultValue: 100 })
  declare points: CreationOptional<number>;

  /** The score (0..points) from which the lesson completes. */
  @Column({ type: DataType.INTEGER, allowNull: false, defaultValue: 50 })
  declare passMark: CreationOptional<number>;

  @Column({ type: DataType.STRING(5), allowNull: false, defaultValue: 'both' })
  declare submissionType: CreationOptional<AssignmentSubmissionType>;

  /** Comma-separated extensions as detected from content (pdf,docx…); NULL: no file accepted. */
  @Column({ type: DataType.STRING(200), allowNull: true })
  declare allowedFileTypes: string | null;

  @Column({ type: DataType.INTEGER, allowNull: false, defaultValue: 20 })
  declare maxFileSizeMb: CreationOptional<number>;

  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  @BelongsTo(() => Lesson, 'lessonId')
  declare lesson?: NonAttribute<Lesson>;
}
