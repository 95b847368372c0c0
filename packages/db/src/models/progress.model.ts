import type { CreationOptional, InferAttributes, InferCreationAttributes, NonAttribute } from 'sequelize';
import { BelongsTo, Column, DataType, ForeignKey, Model, Table } from 'sequelize-typescript';
import { PROGRESS_STATUSES, type ProgressStatus } from '../constants';
import { Enrollment } from './enrollment.model';
import { Lesson } from './lesson.model';

/** Table `progress`: one row per (enrollment, lesson). */
@Table({ tableName: 'progress', underscored: true, timestamps: true })
export class Progress extends Model<InferAttributes<Progress>, InferCreationAttributes<Progress>> {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: CreationOptional<number>;

  @ForeignKey(() => Enrollment)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare enrollmentId: number;

  @ForeignKey(() => Lesson)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare lessonId: number;

  @Column({ type: DataType.ENUM(...PROGRESS_STATUSES), defaultValue: 'not_started' })
  declare status: CreationOptional<ProgressStatus>;

  /** 0–100 (CHECK constraint). */
  @Column({ type: DataType.INTEGER, defaultValue: 0 })
  declare completionPercentage: CreationOptional<number>;

  /** Seconds. */
  @Column({ type: DataType.INTEGER, defaultValue: 0 })
  declare timeSpent: CreationOptional<number>;

  @Column({ type: DataType.DATE })
  declare completedAt: Date | null;

  /** Where the video/audio player stopped, in seconds (migration 0300). */
  @Column({ type: DataType.INTEGER, allowNull: true })
  declare lastPositionSeconds: CreationOptional<number | null>;

  /** When the server last heard about this lesson from this learner: opening it or a heartbeat
   * (migration 0620). Caps the time a heartbeat may credit. */
  @Column({ type: DataType.DATE(3), allowNull: true })
  declare lastHeartbeatAt: CreationOptional<Date | null>;

  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  @BelongsTo(() => Enrollment, 'enrollmentId')
  declare enrollment?: NonAttribute<Enrollment>;

  @BelongsTo(() => Lesson, 'lessonId')
  declare lesson?: NonAttribute<Lesson>;
}
