import cluster, { type Worker } from 'node:cluster';
import { setupPrimary } from '@socket.io/cluster-adapter';
import type { AppConfig } from '@roundtable/platform';
import { bootDatabase, bootLogger } from './boot-database';

export interface RunningCluster {
  stop(): Promise<void>;
}

/**
 * `API_PROCESSES=N`: N API processes on one machine, to use more than one core (node:cluster).
 * The primary serves nothing itself: it starts the embedded PostgreSQL when there is no
 * DATABASE_URL, then forks the workers, which share the port (the primary hands each new
 * connection to the next worker in turn) and hear each other's realtime messages through
 * the cluster adapter (or Redis, when REDIS_URL is set, as between machines). Each worker is
 * a whole API node: the outbox, rechecks and presence already work across nodes.
 *
 * The first worker seeds (or re-dates) the demo and runs the migrations alone; the others
 * start once it listens, so nothing is seeded twice. A worker that dies is replaced.
 */
export async function startCluster(config: AppConfig, entry: string): Promise<RunningCluster> {
  const log = bootLogger(config);
  const { url: databaseUrl, embedded, seedDemo } = await bootDatabase(config, log);
  // Every worker must sign and check the same tokens: the secret (given, or made once here) goes to all.
  const env = (first: boolean): NodeJS.ProcessEnv => ({
    DATABASE_URL: databaseUrl,
    JWT_SECRET: config.JWT_SECRET,
    SEED_DEMO: first && seedDemo ? 'true' : 'false',
  });

  setupPrimary();
  cluster.setupPrimary({ exec: entry });
  let stopping = false;
  let failuresInARow = 0;
  const workers = new Set<Worker>();
  const fork = (first: boolean): Promise<{ address: string; port: number }> => {
    const worker = cluster.fork(env(first));
    workers.add(worker);
    worker.on('exit', (code, signal) => {
      workers.delete(worker);
      if (stopping) return;
      // The others keep serving; the replacement waits a moment (longer after each failure in a
      // row, at most a minute), so a process that cannot start does not spin.
      const wait = Math.min(60_000, 1000 * 2 ** failuresInARow);
      failuresInARow += 1;
      log.error({ pid: worker.process.pid, code, signal, restartInMs: wait }, 'An API process stopped unexpectedly');
      setTimeout(() => {
        if (stopping) return;
        fork(false).then(
          () => (failuresInARow = 0),
          (error: unknown) => log.error({ err: error }, 'A replacement API process did not start'),
        );
      }, wait);
    });
    return new Promise((resolve, reject) => {
      worker.once('listening', (address) => resolve({ address: address.address, port: address.port }));
      worker.once('exit', (code) => reject(new Error(`an API process exited with ${code} before it listened`)));
    });
  };

  try {
    const first = await fork(true);
    await Promise.all(Array.from({ length: config.API_PROCESSES - 1 }, () => fork(false)));
    const host = first.address === '::1' || first.address === '::' ? '127.0.0.1' : first.address;
    log.info(
      { url: `http://${host}:${first.port}/graphql`, processes: config.API_PROCESSES },
      'Roundtable API is ready',
    );
  } catch (error) {
    stopping = true;
    for (const worker of workers) worker.kill('SIGTERM');
    await embedded?.stop();
    throw error;
  }

  return {
    // Each worker finishes its requests in flight and closes its sockets (start-server.ts), then the database stops.
    stop: async () => {
      stopping = true;
      log.info({ processes: workers.size }, 'Stopping: every API process finishes its requests in flight');
      await Promise.all(
        [...workers].map(
          (worker) =>
            new Promise<void>((resolve) => {
              worker.once('exit', () => resolve());
              worker.process.kill('SIGTERM');
            }),
        ),
      );
      await embedded?.stop();
      log.info('Roundtable API stopped');
    },
  };
}
