import 'reflect-metadata';
import cluster from 'node:cluster';
import { ConfigError, loadConfig } from '@roundtable/platform';
import { startCluster, startServer } from '@roundtable/server';

/**
 * Process entry point: validate config, start, stop cleanly on a signal. With
 * API_PROCESSES > 1 this process becomes the primary of a node:cluster and each worker runs
 * this same file as one API process (libs/server/src/start-cluster.ts).
 *
 * The signal handlers are installed before the server starts: the "ready" line is written
 * while `startServer` is still returning, and a supervisor (or a test) that stops the
 * process as soon as it reads that line must get a graceful stop, not Node's default
 * kill-on-SIGTERM. A signal during start-up waits for the start to finish, then stops.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const starting =
    config.API_PROCESSES > 1 && cluster.isPrimary
      ? startCluster(config, __filename)
      : startServer(config, cluster.isWorker ? 'worker' : 'alone');
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    starting
      .then((server) => server.stop())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(`Roundtable did not stop cleanly after ${signal}: ${String(error)}`);
          process.exit(1);
        },
      );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // A worker whose primary is gone (killed outright) stops too, rather than serving on alone.
  if (cluster.isWorker) process.once('disconnect', () => stop('SIGTERM'));
  await starting;
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
  console.error(`Roundtable could not start: ${message}`);
  process.exit(1);
});
