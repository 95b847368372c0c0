import { addIndex, createTable, DataTypes, dropTables, fk, id, timestamps, type MigrationFn } from './helpers';

// Low-data mode (issue 17): lighter versions of an uploaded video made by the worker with ffmpeg
// (a 360p H.264/AAC MP4, an audio-only AAC track, a poster frame). One row per file and kind (unique), so that a
// job run twice updates its row instead of adding one; storage_path is derived from the original's
// key, so a second run overwrites the same object. The rows go with their file (CASCADE).
export const up: MigrationFn = async ({ context: qi }) => {
  await createTable(
    qi,
    'media_renditions',
    {
      id: id(),
      media_file_id: fk('media_files', 'CASCADE', false),
      kind: { type: DataTypes.STRING(20), allowNull: false },
      storage_path: { type: DataTypes.STRING(500), allowNull: false },
      file_type: { type: DataTypes.STRING(50), allowNull: false },
      file_size: { type: DataTypes.BIGINT, allowNull: false },
      width: { type: DataTypes.INTEGER, allowNull: true },
      height: { type: DataTypes.INTEGER, allowNull: true },
      /** Bits per second of the whole file, as measured after encoding. */
      bitrate: { type: DataTypes.INTEGER, allowNull: true },
      ...timestamps(qi),
    },
    { chk_media_renditions_kind: "kind IN ('video_low', 'audio', 'poster')" },
  );
  await addIndex(qi, 'media_renditions', ['media_file_id', 'kind'], 'unique_media_rendition', { unique: true });
};

export const down: MigrationFn = async ({ context: qi }) => {
  await dropTables(qi, ['media_renditions']);
};
