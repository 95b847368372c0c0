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

/** Table `modules`. Named CourseModule: "Module" reads as a JS module everywhere else. */
@Table({ tableName: 'modules', underscored: true, timestamps: true, paranoid: true })
export class CourseModule extends Model<
  InferAttributes<CourseModule>,
  InferCreationAttributes<CourseModule>
> {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: CreationOptional<number>;

  @ForeignKey(() => Course)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare courseId: number;

  @Column({ type: DataType.STRING(255), allowNull: false })
  declare title: string;

  @Column({ type: DataType.TEXT })
  declare description: string | null;

  @Column({ type: DataType.STRING(500) })
  declare imageUrl: string | null;

  @Column({ type: DataType.INTEGER, allowNull: false })
  declare orderIndex: number;

  @Column({ type: DataType.BOOLEAN, defaultValue: false })
  declare isUnlocked: CreationOptional<boolean>;

  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
  declare deletedAt: CreationOptional<Date | null>;

  @BelongsTo(() => Course, 'courseId')
  declare course?: NonAttribute<Course>;

  @HasMany(() => Lesson, 'moduleId')
  declare lessons?: NonAttribute<Lesson[]>;
}
