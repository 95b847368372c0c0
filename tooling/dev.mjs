// `pnpm dev`: API + web; the worker process too in full mode (embedded mode runs jobs in the API).
import { spawnSync } from 'node:child_process';

const full = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);
const filters = ['@mdsc/api-app', '@mdsc/web', ...(full ? ['@mdsc/worker'] : [])].map((f) => `--filter=${f}`);
const r = spawnSync('pnpm', ['exec', 'turbo', 'run', 'dev', '--ui=stream', ...filters], { stdio: 'inherit' });
process.exit(r.status ?? 1);
