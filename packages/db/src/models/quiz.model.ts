import type { CreationOptional, InferAttributes, InferCreationAttributes, NonAttribute } from 'sequelize';
import {
  BelongsTo,
  Column,
  DataType,
  ForeignKey,
  HasMany,
  Model,
  Table,
} from 'sequelize-typescript';
import { Course } from './course.model';
import { Lesson } from './lesson.model';
import { QuizAttempt } from './quiz-attempt.model';
import { QuizQuestion } from './quiz-question.model';

@Table({ tableName: 'quizzes', underscored: true, timestamps: true })
export class Quiz extends Model<InferAttributes<Quiz>, InferCreationAttributes<Quiz>> {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: CreationOptional<number>;

  @ForeignKey(() => Course)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare courseId: number;

  /** NULL for the course's final quiz. */
  @ForeignKey(() => Lesson)
  @Column({ type: DataType.INTEGER, allowNull: true })
  declare lessonId: number | null;

  @Column({ type: DataType.STRING(255), allowNull: false })
  declare title: string;

  @Column({ type: DataType.TEXT })
  declare description: string | null;

  /** NULL: no time limit. */
  @Column({ type: DataType.INTEGER })
  declare timeLimitMinutes: number | null;

  /** 0–100 (CHECK constraint). */
  @Column({ type: DataType.DECIMAL(5, 2), defaultValue: 70 })
  declare passingScore: CreationOptional<number>;

  @Column({ type: DataType.INTEGER, defaultValue: 3 })
  declare maxAttempts: CreationOptional<number>;

  @Column({ type: DataType.BOOLEAN, defaultValue: false })
  declare isFinal: CreationOptional<boolean>;

  @Column({ type: DataType.BOOLEAN, defaultValue: false })
  declare isPublished: CreationOptional<boolean>;

  /** Bumped with every write to the quiz's questions (QuizQuestion hooks): the key of the grading cache. */
  @Column({ type: DataType.INTEGER, allowNull: false, defaultValue: 0 })
  declare questionsVersion: CreationOptional<number>;

  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  @BelongsTo(() => Course, 'courseId')
  declare course?: NonAttribute<Course>;

  @BelongsTo(() => Lesson, 'lessonId')
  declare lesson?: NonAttribute<Lesson | null>;

  @HasMany(() => QuizQuestion, 'quizId')
  declare questions?: NonAttribute<QuizQuestion[]>;

  @HasMany(() => QuizAttempt, 'quizId')
  declare attempts?: NonAttribute<QuizAttempt[]>;
}
