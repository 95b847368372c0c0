import type { CreationOptional, InferAttributes, InferCreationAttributes, NonAttribute } from 'sequelize';
import { BelongsTo, Column, DataType, ForeignKey, Model, Table } from 'sequelize-typescript';
import { QUESTION_TYPES, type QuestionType, type QuizOption } from '../constants';
import { Quiz } from './quiz.model';

@Table({ tableName: 'quiz_questions', underscored: true, timestamps: true })
export class QuizQuestion extends Model<
  InferAttributes<QuizQuestion>,
  InferCreationAttributes<QuizQuestion>
> {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: CreationOptional<number>;

  @ForeignKey(() => Quiz)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare quizId: number;

  @Column({ type: DataType.TEXT, allowNull: false })
  declare questionText: string;

  @Column({ type: DataType.ENUM(...QUESTION_TYPES), allowNull: false })
  declare questionType: QuestionType;

  /** multiple_choice only. Holds the correct flags: never send it to a student as is. */
  @Column({ type: DataType.JSON })
  declare options: QuizOption[] | null;

  /** true_false ('true' / 'false') and short_answer. */
  @Column({ type: DataType.TEXT })
  declare correctAnswer: string | null;

  /** Shown to the learner after grading (issue 12; not in the original schema document). */
  @Column({ type: DataType.TEXT, allowNull: true })
  declare explanation: CreationOptional<string | null>;

  @Column({ type: DataType.DECIMAL(5, 2), defaultValue: 1 })
  declare points: CreationOptional<number>;

  @Column({ type: DataType.INTEGER, allowNull: false })
  declare orderIndex: number;

  @Column({ type: DataType.BOOLEAN, defaultValue: true })
  declare isActive: CreationOptional<boolean>;

  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  @BelongsTo(() => Quiz, 'quizId')
  declare quiz?: NonAttribute<Quiz>;
}
