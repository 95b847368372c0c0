import type { CreationOptional, InferAttributes, InferCreationAttributes, NonAttribute } from 'sequelize';
import { BelongsTo, Column, DataType, ForeignKey, Model, Table } from 'sequelize-typescript';
import { Quiz } from './quiz.model';
import { User } from './user.model';

/** answers: { [questionId]: answer } — an option index, 'true' / 'false', or free text. */
export type QuizAnswers = Record<string, string | number | number[] | boolean | null>;

export const QUIZ_ATTEMPT_STATUSES = ['in_progress', 'graded', 'expired'] as const;
export type QuizAttemptStatus = (typeof QUIZ_ATTEMPT_STATUSES)[number];

/** One question of a graded attempt (quiz_attempts.results). */
export interface QuizQuestionResult {
  questionId: number;
  correct: boolean;
  pointsAwarded: number;
  points: number;
}

// No created_at/updated_at in the document: started_at / completed_at.
@Table({ tableName: 'quiz_attempts', underscored: true, timestamps: false })
export class QuizAttempt extends Model<InferAttributes<QuizAttempt>, InferCreationAttributes<QuizAttempt>> {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: CreationOptional<number>;

  @ForeignKey(() => User)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare userId: number;

  @ForeignKey(() => Quiz)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare quizId: number;

  @Column({ type: DataType.JSON, allowNull: false })
  declare answers: QuizAnswers;

  @Column({ type: DataType.DATE, allowNull: false, defaultValue: DataType.NOW })
  declare startedAt: CreationOptional<Date>;

  @Column({ type: DataType.DATE })
  declare completedAt: Date | null;

  @Column({ type: DataType.DECIMAL(5, 2), allowNull: true })
  declare score: number | null;

  @Column({ type: DataType.DECIMAL(5, 2), allowNull: true })
  declare totalPoints: number | null;

  /** 0–100 or NULL (CHECK constraint). */
  @Column({ type: DataType.DECIMAL(5, 2), allowNull: true })
  declare percentage: number | null;

  @Column({ type: DataType.BOOLEAN, defaultValue: false })
  declare isPassed: CreationOptional<boolean>;

  @Column({ type: DataType.INTEGER })
  declare timeSpentMinutes: number | null;

  /** Migration 0300: in_progress from start to submission; expired when submitted too late. */
  @Column({ type: DataType.ENUM(...QUIZ_ATTEMPT_STATUSES), allowNull: false, defaultValue: 'graded' })
  declare status: CreationOptional<QuizAttemptStatus>;

  /** started_at + the quiz's time limit, fixed when the attempt starts; NULL without a limit. */
  @Column({ type: DataType.DATE, allowNull: true })
  declare deadlineAt: CreationOptional<Date | null>;

  /** Per-question grading, written once at submission. */
  @Column({ type: DataType.JSON, allowNull: true })
  declare results: CreationOptional<QuizQuestionResult[] | null>;

  @BelongsTo(() => User, 'userId')
  declare user?: NonAttribute<User>;

  @BelongsTo(() => Quiz, 'quizId')
  declare quiz?: NonAttribute<Quiz>;
}
