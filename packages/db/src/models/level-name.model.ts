import type { CreationOptional, InferAttributes, InferCreationAttributes } from 'sequelize';
import { Column, DataType, Model, Table } from 'sequelize-typescript';

/** The name of a level (1–12) in one language (migration 0800); the XP thresholds stay in code. */
@Table({ tableName: 'level_names', underscored: true, timestamps: true })
export class LevelName extends Model<InferAttributes<LevelName>, InferCreationAttributes<LevelName>> {
  @Column({ type: DataType.INTEGER, primaryKey: true })
  declare level: number;

  @Column({ type: DataType.STRING(5), primaryKey: true })
  declare locale: string;

  @Column({ type: DataType.STRING(100), allowNull: false })
  declare name: string;

  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}
