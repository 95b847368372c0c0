import cluster from 'node:cluster';
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

// Several processes on one port (API_PROCESSES > 1): Node's cluster module. The primary only
// forks and restarts workers; each worker is a whole API (its own pools, relay and Redis
// subscriber), and the kernel's connections are handed out round-robin by the primary. Chosen over
// `reusePort` because Node 20 (our engine) has no SO_REUSEPORT listen option (Node ≥ 22.12).
if (cluster.isPrimary && env.API_PROCESSES > 1) {
  let stopping = false;
  for (let i = 0; i < env.API_PROCESSES; i++) cluster.fork();
  cluster.on('exit', (worker, code) => {
    if (stopping) return;
    console.error(`API process ${worker.process.pid} exited (${code}): starting another`);
    cluster.fork();
  });
  const stop = () => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  console.log(`MdSC MOOC API: ${env.API_PROCESSES} processes on port ${env.PORT} (cluster)`);
} else {
  await serve(env);
}

async function serve(env: ReturnType<typeof loadEnv>) {
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
}
