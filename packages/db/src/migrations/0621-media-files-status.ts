import { DataTypes, dropColumn, type MigrationFn } from './helpers';

// media_files.status (issue 11): an uploaded image is `processing` until the worker has written its
// re-encoded (safe) version, and only its uploader may read the original meanwhile; `failed` (e.g.
// over the pixel limit) is never served. Other files are `ready` as soon as they are stored.
export const up: MigrationFn = async ({ context: qi }) => {
  await qi.addColumn('media_files', 'status', {
    type: DataTypes.ENUM('processing', 'ready', 'failed'),
    allowNull: false,
    defaultValue: 'ready',
  });
  // Images the worker has not re-encoded yet are still originals.
  await qi.sequelize.query(
    `UPDATE media_files SET status = 'processing'
      WHERE file_category = 'image' AND (metadata IS NULL OR JSON_EXTRACT(metadata, '$.processed') IS NULL)`,
  );
};

export const down: MigrationFn = async ({ context: qi }) => {
  await dropColumn(qi, 'media_files', 'status');
};
