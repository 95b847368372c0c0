import type { CreationOptional, InferAttributes, InferCreationAttributes, NonAttribute, Transaction, WhereOptions } from 'sequelize';
import {
  AfterBulkCreate,
  AfterCreate,
  AfterDestroy,
  AfterUpdate,
  BeforeBulkDestroy,
  BeforeBulkUpdate,
  BelongsTo,
  Column,
  DataType,
  ForeignKey,
  Model,
  Table,
} from 'sequelize-typescript';
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

  // Every write to questions bumps their quiz's questions_version in the same transaction: the
  // grading cache of each API process is keyed by it (see quizzes/grading-cache in @mdsc/core).
  @AfterCreate
  @AfterUpdate
  @AfterDestroy
  static async bumpOne(q: QuizQuestion, options: { transaction?: Transaction | null }): Promise<void> {
    await bumpQuestionsVersion([q.quizId], options.transaction);
  }

  @AfterBulkCreate
  static async bumpCreated(rows: QuizQuestion[], options: { transaction?: Transaction | null }): Promise<void> {
    await bumpQuestionsVersion(rows.map((r) => r.quizId), options.transaction);
  }

  /** Before the statement, while its WHERE still finds the rows (a bump without a change is harmless). */
  @BeforeBulkUpdate
  @BeforeBulkDestroy
  static async bumpMatched(options: { where?: WhereOptions; transaction?: Transaction | null }): Promise<void> {
    const rows = await QuizQuestion.findAll({ attributes: ['quizId'], where: options.where, transaction: options.transaction, raw: true });
    await bumpQuestionsVersion(rows.map((r) => r.quizId), options.transaction);
  }
}

async function bumpQuestionsVersion(quizIds: number[], transaction: Transaction | null | undefined): Promise<void> {
  const ids = [...new Set(quizIds)].filter((id) => typeof id === 'number');
  if (ids.length === 0) return;
  await Quiz.increment('questionsVersion', { by: 1, where: { id: ids }, transaction: transaction ?? undefined });
}
