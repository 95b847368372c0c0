import type { CreationOptional, InferAttributes, InferCreationAttributes, NonAttribute } from 'sequelize';
import { BelongsTo, Column, DataType, ForeignKey, Model, Table } from 'sequelize-typescript';
import { Certificate } from './certificate.model';
import { UserBadge } from './user-badge.model';
import { User } from './user.model';

export const CREDENTIAL_KINDS = ['certificate', 'badge'] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

/** Table `credentials` (migration 0650): the signed Open Badges 3.0 credential of a certificate or badge award. */
@Table({ tableName: 'credentials', underscored: true, timestamps: true, updatedAt: false })
export class Credential extends Model<InferAttributes<Credential>, InferCreationAttributes<Credential>> {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: CreationOptional<number>;

  /** Public, random: the credential id is `${PUBLIC_URL}/credentials/<uuid>`. */
  @Column({ type: DataType.CHAR(36), allowNull: false })
  declare uuid: string;

  @Column({ type: DataType.ENUM(...CREDENTIAL_KINDS), allowNull: false })
  declare kind: CredentialKind;

  @ForeignKey(() => Certificate)
  @Column({ type: DataType.INTEGER, allowNull: true })
  declare certificateId: number | null;

  @ForeignKey(() => UserBadge)
  @Column({ type: DataType.INTEGER, allowNull: true })
  declare userBadgeId: number | null;

  @ForeignKey(() => User)
  @Column({ type: DataType.INTEGER, allowNull: true })
  declare userId: number | null;

  /** `credentialSubject.id` (urn:uuid:…) when the learner gave no DID. */
  @Column({ type: DataType.CHAR(36), allowNull: false })
  declare subjectRef: string;

  @Column({ type: DataType.STRING(500), allowNull: true })
  declare subjectDid: string | null;

  @Column({ type: DataType.STRING(64), allowNull: false })
  declare identitySalt: string;

  @Column({ type: DataType.INTEGER, allowNull: false })
  declare statusList: number;

  @Column({ type: DataType.INTEGER, allowNull: false })
  declare statusIndex: number;

  @Column({ type: DataType.DATE, allowNull: true })
  declare revokedAt: Date | null;

  /** The signed compact JWT, kept so that every download returns the same bytes. */
  @Column({ type: DataType.TEXT, allowNull: true })
  declare jwt: string | null;

  @Column({ type: DataType.STRING(100), allowNull: true })
  declare signedKid: string | null;

  @Column({ type: DataType.DATE, allowNull: true })
  declare signedAt: Date | null;

  declare createdAt: CreationOptional<Date>;

  @BelongsTo(() => Certificate, 'certificateId')
  declare certificate?: NonAttribute<Certificate>;

  @BelongsTo(() => UserBadge, 'userBadgeId')
  declare userBadge?: NonAttribute<UserBadge>;

  @BelongsTo(() => User, 'userId')
  declare user?: NonAttribute<User>;
}
