import { loadEnv } from './env';
import { createRuntime } from './runtime';
import { buildServer } from './server';

let env;
try {
  env = loadEnv();
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}

const rt = await createRuntime(env);
const app = await buildServer(rt);
await app.listen({ host: env.HOST, port: env.PORT });
console.log(
  `MdSC MOOC API (${env.mode} mode) on http://${env.HOST}:${(app.server.address() as { port: number }).port}, data in ${env.DATA_DIR}`,
);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  app.log.info({ signal }, 'shutting down');
  await app.close();
  await rt.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
