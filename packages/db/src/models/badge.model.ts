import type { CreationOptional, InferAttributes, InferCreationAttributes, NonAttribute } from 'sequelize';
import { Column, DataType, HasMany, Model, Table } from 'sequelize-typescript';
import { BADGE_TIERS, type BadgeCriteria, type BadgeTier } from '../constants';
import { UserBadge } from './user-badge.model';

@Table({ tableName: 'badges', underscored: true, timestamps: true })
export class Badge extends Model<InferAttributes<Badge>, InferCreationAttributes<Badge>> {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: CreationOptional<number>;

  @Column({ type: DataType.STRING(255), allowNull: false })
  declare name: string;

  @Column({ type: DataType.TEXT })
  declare description: string | null;

  @Column({ type: DataType.STRING(500) })
  declare iconUrl: string | null;

  @Column({ type: DataType.STRING(500) })
  declare pdfUrl: string | null;

  @Column({ type: DataType.STRING(50) })
  declare category: string | null;

  @Column({ type: DataType.JSON, allowNull: false })
  declare criteria: BadgeCriteria;

  /** Added by migration 0009. */
  @Column({ type: DataType.ENUM(...BADGE_TIERS), allowNull: false, defaultValue: 'bronze' })
  declare tier: CreationOptional<BadgeTier>;

  @Column({ type: DataType.BOOLEAN, defaultValue: true })
  declare isActive: CreationOptional<boolean>;

  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  @HasMany(() => UserBadge, 'badgeId')
  declare userBadges?: NonAttribute<UserBadge[]>;
}
