import type { CreationOptional, InferAttributes, InferCreationAttributes, NonAttribute } from 'sequelize';
import { BelongsTo, Column, DataType, ForeignKey, Model, Table } from 'sequelize-typescript';
import { MediaFile } from './media-file.model';

/** `video_low`: 360p H.264/AAC MP4 (~400 kbit/s); `audio`: the sound track alone (AAC in M4A);
 * `poster`: a 360p JPEG frame for the player. */
export const RENDITION_KINDS = ['video_low', 'audio', 'poster'] as const;
export type RenditionKind = (typeof RENDITION_KINDS)[number];

/** Table `media_renditions` (migration 0760): lighter versions of a video, made by the worker. */
@Table({ tableName: 'media_renditions', underscored: true, timestamps: true })
export class MediaRendition extends Model<InferAttributes<MediaRendition>, InferCreationAttributes<MediaRendition>> {
  @Column({ type: DataType.INTEGER, primaryKey: true, autoIncrement: true })
  declare id: CreationOptional<number>;

  @ForeignKey(() => MediaFile)
  @Column({ type: DataType.INTEGER, allowNull: false })
  declare mediaFileId: number;

  @Column({ type: DataType.STRING(20), allowNull: false })
  declare kind: RenditionKind;

  @Column({ type: DataType.STRING(500), allowNull: false })
  declare storagePath: string;

  @Column({ type: DataType.STRING(50), allowNull: false })
  declare fileType: string;

  /** Bytes. */
  @Column({ type: DataType.BIGINT, allowNull: false })
  declare fileSize: number;

  @Column({ type: DataType.INTEGER, allowNull: true })
  declare width: number | null;

  @Column({ type: DataType.INTEGER, allowNull: true })
  declare height: number | null;

  /** Bits per second of the whole file, measured after encoding. */
  @Column({ type: DataType.INTEGER, allowNull: true })
  declare bitrate: number | null;

  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  @BelongsTo(() => MediaFile, 'mediaFileId')
  declare mediaFile?: NonAttribute<MediaFile>;
}
