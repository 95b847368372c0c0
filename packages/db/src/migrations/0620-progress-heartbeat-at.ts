import { DataTypes, dropColumn, type MigrationFn } from './helpers';

// progress.last_heartbeat_at (issue 11): when the server last heard about this lesson from this
// learner (opening it or a heartbeat). Time spent credited by a heartbeat is capped by the time
// elapsed since then, so a client cannot claim more watching time than has passed. Milliseconds,
// so that the fraction of a second left over by one heartbeat carries to the next.
export const up: MigrationFn = async ({ context: qi }) => {
  await qi.addColumn('progress', 'last_heartbeat_at', { type: DataTypes.DATE(3), allowNull: true });
};

export const down: MigrationFn = async ({ context: qi }) => {
  await dropColumn(qi, 'progress', 'last_heartbeat_at');
};
