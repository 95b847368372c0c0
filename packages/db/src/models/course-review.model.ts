import type { CreationOptional, InferAttributes, InferCreationAttributes, NonAttribute } from 'sequelize';
import { BelongsTo, Column, DataType, ForeignKey, Model, Table } from 'sequelize-typescript';
import { Course } from './course.model';
import { User } from './user.model';

/** Table `course_reviews` (migration 0300): one rating per user and course, editable. */
@Table({ tableName: 'course_reviews', underscored: true, timestamps: true })
export class CourseReview extends Model<InferAttributes<CourseReview>, InferCreationAttributes<CourseReview>> {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: CreationOptional<number>;

  @ForeignKey(() => User)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare userId: number;

  @ForeignKey(() => Course)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare courseId: number;

  /** 1–5 (CHECK constraint). */
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare rating: number;

  @Column({ type: DataType.TEXT, allowNull: true })
  declare comment: string | null;

  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  @BelongsTo(() => User, 'userId')
  declare user?: NonAttribute<User>;

  @BelongsTo(() => Course, 'courseId')
  declare course?: NonAttribute<Course>;
}
