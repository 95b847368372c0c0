import type { CreationOptional, InferAttributes, InferCreationAttributes, NonAttribute } from 'sequelize';
import { Column, DataType, HasMany, Model, Table } from 'sequelize-typescript';
import { Course } from './course.model';

@Table({ tableName: 'categories', underscored: true, timestamps: true })
export class Category extends Model<InferAttributes<Category>, InferCreationAttributes<Category>> {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: CreationOptional<number>;

  @Column({ type: DataType.STRING(255), allowNull: false })
  declare name: string;

  @Column({ type: DataType.TEXT })
  declare description: string | null;

  @Column({ type: DataType.STRING(20) })
  declare color: string | null;

  @Column({ type: DataType.STRING(100) })
  declare icon: string | null;

  @Column({ type: DataType.BOOLEAN, defaultValue: true })
  declare isActive: CreationOptional<boolean>;

  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  @HasMany(() => Course, 'categoryId')
  declare courses?: NonAttribute<Course[]>;
}
