import type { CreationOptional, InferAttributes, InferCreationAttributes, NonAttribute } from 'sequelize';
import { BelongsTo, Column, DataType, ForeignKey, HasMany, Model, Table } from 'sequelize-typescript';
import { DIFFICULTIES, type Difficulty } from '../constants';
import { Category } from './category.model';
import { Certificate } from './certificate.model';
import { CourseModule } from './course-module.model';
import { Enrollment } from './enrollment.model';
import { Lesson } from './lesson.model';
import { MediaFile } from './media-file.model';
import { Quiz } from './quiz.model';
import { User } from './user.model';

@Table({ tableName: 'courses', underscored: true, timestamps: true, paranoid: true })
export class Course extends Model<InferAttributes<Course>, InferCreationAttributes<Course>> {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: CreationOptional<number>;

  @Column({ type: DataType.STRING(255), allowNull: false })
  declare title: string;

  @Column({ type: DataType.STRING(255), allowNull: false })
  declare slug: string;

  @ForeignKey(() => User)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare instructorId: number;

  @ForeignKey(() => Category)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare categoryId: number;

  @ForeignKey(() => Course)
  @Column({ type: DataType.INTEGER, allowNull: true })
  declare prerequisiteCourseId: number | null;

  @Column({ type: DataType.TEXT })
  declare description: string | null;

  @Column({ type: DataType.STRING(500) })
  declare shortDescription: string | null;

  @Column({ type: DataType.STRING(500) })
  declare thumbnailUrl: string | null;

  @Column({ type: DataType.STRING(500) })
  declare videoUrl: string | null;

  @Column({ type: DataType.INTEGER })
  declare durationMinutes: number | null;

  @Column({ type: DataType.ENUM(...DIFFICULTIES), defaultValue: 'beginner' })
  declare difficulty: CreationOptional<Difficulty>;

  @Column({ type: DataType.STRING(10), defaultValue: 'fr' })
  declare language: CreationOptional<string>;

  /** Read back as a number (decimalNumbers on MySQL; REAL on SQLite). */
  @Column({ type: DataType.DECIMAL(10, 2), defaultValue: 0 })
  declare price: CreationOptional<number>;

  @Column({ type: DataType.STRING(3), defaultValue: 'XOF' })
  declare currency: CreationOptional<string>;

  @Column({ type: DataType.BOOLEAN, defaultValue: false })
  declare isPublished: CreationOptional<boolean>;

  @Column({ type: DataType.BOOLEAN, defaultValue: false })
  declare isFeatured: CreationOptional<boolean>;

  /** First publication (migration 0200): once set, the slug never changes. */
  @Column({ type: DataType.DATE })
  declare publishedAt: CreationOptional<Date | null>;

  @Column({ type: DataType.DATE })
  declare enrollmentDeadline: Date | null;

  @Column({ type: DataType.DATE })
  declare courseStartDate: Date | null;

  @Column({ type: DataType.DATE })
  declare courseEndDate: Date | null;

  @Column({ type: DataType.INTEGER, defaultValue: 0 })
  declare enrollmentCount: CreationOptional<number>;

  @Column({ type: DataType.DECIMAL(3, 2), defaultValue: 0 })
  declare rating: CreationOptional<number>;

  /** Bumped with every write to the course's modules, lessons and quizzes (their model hooks): the key of the structure cache. */
  @Column({ type: DataType.INTEGER, allowNull: false, defaultValue: 0 })
  declare structureVersion: CreationOptional<number>;

  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
  declare deletedAt: CreationOptional<Date | null>;

  @BelongsTo(() => User, 'instructorId')
  declare instructor?: NonAttribute<User>;

  @BelongsTo(() => Category, 'categoryId')
  declare category?: NonAttribute<Category>;

  @BelongsTo(() => Course, 'prerequisiteCourseId')
  declare prerequisite?: NonAttribute<Course | null>;

  @HasMany(() => CourseModule, 'courseId')
  declare modules?: NonAttribute<CourseModule[]>;

  @HasMany(() => Lesson, 'courseId')
  declare lessons?: NonAttribute<Lesson[]>;

  @HasMany(() => Quiz, 'courseId')
  declare quizzes?: NonAttribute<Quiz[]>;

  @HasMany(() => Enrollment, 'courseId')
  declare enrollments?: NonAttribute<Enrollment[]>;

  @HasMany(() => MediaFile, 'courseId')
  declare mediaFiles?: NonAttribute<MediaFile[]>;

  @HasMany(() => Certificate, 'courseId')
  declare certificates?: NonAttribute<Certificate[]>;
}
