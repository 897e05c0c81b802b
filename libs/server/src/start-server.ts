import type { INestApplication } from '@nestjs/common';
import pino from 'pino';
import {
  checkDatabaseReachable,
  startEmbeddedPostgres,
  SystemClock,
  type AppConfig,
  type EmbeddedDatabase,
} from '@roundtable/platform';
import { createServer } from './create-server';
import { DEFAULT_DEMO_PASSWORD } from './demo/demo-data';
import { seedDemo } from './demo/seed-demo';

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
export async function startServer(config: AppConfig): Promise<RunningServer> {
  const bootLog = pino({ level: config.LOG_LEVEL ?? 'info', name: 'roundtable' });

  let embeddedDatabase: EmbeddedDatabase | undefined;
  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    bootLog.info(
      { dataDir: config.DATA_DIR },
      'No DATABASE_URL: starting the embedded PostgreSQL (for trying Roundtable out, not for real records)',
    );
    embeddedDatabase = await startEmbeddedPostgres({
      dataDir: config.DATA_DIR,
      database: 'roundtable',
      log: (line) => bootLog.debug({ component: 'embedded-postgres' }, line),
    });
    databaseUrl = embeddedDatabase.url;
  }

  try {
    await checkDatabaseReachable(databaseUrl);
    const clock = new SystemClock();
    const app = await createServer({ config, databaseUrl, clock });
    await app.init();
    const seed = embeddedDatabase ? config.SEED_DEMO !== false : config.SEED_DEMO === true;
    if (seed && (await seedDemo(app, config.DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD))) {
      bootLog.info(
        'Seeded the demo program: sign in as cm@demo.test, md@demo.test, housing@demo.test, peer@demo.test, participant@demo.test or admin@demo.test',
      );
    }
    await app.listen(config.PORT, config.HOST);
    const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    bootLog.info({ url: `${url}/graphql` }, 'Roundtable API is ready');
    return {
      app,
      url,
      embedded: embeddedDatabase !== undefined,
      stop: async () => {
        await app.close();
        await embeddedDatabase?.stop();
      },
    };
  } catch (error) {
    await embeddedDatabase?.stop();
    throw error;
  }
}
