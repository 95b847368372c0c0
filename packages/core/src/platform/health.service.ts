import type { HealthOutput } from '@mdsc/validators';
import type { CoreDeps } from '../deps';

export interface RedisPinger {
  ping(): Promise<string>;
}

/** Reports the state of the database and, in full mode, Redis. Never throws. */
export async function checkHealth(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  redis: RedisPinger | null,
): Promise<HealthOutput> {
  const database = await deps.db.sequelize
    .query('SELECT 1')
    .then(() => 'ok' as const)
    .catch(() => 'down' as const);
  const redisStatus = redis
    ? await redis
        .ping()
        .then((r) => (r === 'PONG' ? ('ok' as const) : ('down' as const)))
        .catch(() => 'down' as const)
    : ('disabled' as const);
  return {
    status: database === 'ok' && redisStatus !== 'down' ? 'ok' : 'degraded',
    mode: redis ? 'full' : 'embedded',
    database,
    redis: redisStatus,
    time: deps.clock.now().toISOString(),
  };
}
