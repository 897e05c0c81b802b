import type { INestApplication } from '@nestjs/common';
import { checkDatabaseReachable, InFlightRequests, SystemClock, type AppConfig } from '@roundtable/platform';
import { bootDatabase, bootLogger } from './boot-database';
import { createServer } from './create-server';
import { DEFAULT_DEMO_PASSWORD } from './demo/demo-data';
import { startDemo } from './demo/start-demo';

/** How long a stopping server waits for requests in flight (Docker's default grace is 10 s). */
const SHUTDOWN_GRACE_MS = 8000;

export interface RunningServer {
  app: INestApplication;
  /** Base URL, e.g. http://127.0.0.1:3000 */
  url: string;
  /** Whether the embedded PostgreSQL is serving (no DATABASE_URL given). */
  embedded: boolean;
  stop(): Promise<void>;
}

/**
 * Starts Roundtable: the database (DATABASE_URL, or an embedded PostgreSQL in DATA_DIR),
 * migrations, then the HTTP server with GraphQL and health endpoints.
 */
export async function startServer(config: AppConfig, role: 'alone' | 'worker' = 'alone'): Promise<RunningServer> {
  const bootLog = bootLogger(config);
  const { url: databaseUrl, embedded: embeddedDatabase, seedDemo } = await bootDatabase(config, bootLog);

  try {
    await checkDatabaseReachable(databaseUrl);
    const clock = new SystemClock();
    const inFlight = new InFlightRequests();
    const app = await createServer({ config, databaseUrl, clock, inFlight });
    await app.init();
    if (seedDemo) {
      // Seeded on the first start; on later ones its dates move forward (as fresh as when seeded).
      const demo = await startDemo(app, config.DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD);
      if (demo.seeded) {
        bootLog.info(
          'Seeded the demo program: sign in as cm@demo.test, md@demo.test, housing@demo.test, peer@demo.test, participant@demo.test or admin@demo.test',
        );
      } else if (demo.weeks > 0) {
        bootLog.info({ weeks: demo.weeks }, 'Moved the demo program’s dates forward');
      }
    }
    await app.listen(config.PORT, config.HOST);
    const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    // A cluster's primary says "ready" once every worker listens (start-cluster.ts).
    bootLog.info(
      { url: `${url}/graphql` },
      role === 'worker' ? 'Roundtable API process is ready' : 'Roundtable API is ready',
    );
    return {
      app,
      url,
      embedded: embeddedDatabase !== undefined,
      // Graceful stop (SIGTERM from Docker, Kubernetes or Ctrl-C): stop accepting
      // connections, let the requests already received finish (their database is still
      // there), then close: sockets are disconnected (clients reconnect to another node and
      // resync from their cursors), the outbox sweeper stops, the pool closes.
      stop: async () => {
        const waiting = inFlight.current;
        bootLog.info({ inFlight: waiting }, 'Stopping: finishing requests in flight, then closing sockets');
        const drained = await inFlight.drain(app.getHttpServer(), SHUTDOWN_GRACE_MS);
        if (!drained) bootLog.warn({ inFlight: inFlight.current }, 'Requests still in flight after the grace period');
        await app.close();
        await embeddedDatabase?.stop();
        bootLog.info('Roundtable API stopped');
      },
    };
  } catch (error) {
    await embeddedDatabase?.stop();
    throw error;
  }
}
