import pino, { type Logger } from 'pino';
import { prettyTransport, startEmbeddedPostgres, type AppConfig, type EmbeddedDatabase } from '@roundtable/platform';

/** What a starting process logs to before Nest's logger exists (the cluster's primary never has one). */
export function bootLogger(config: AppConfig): Logger {
  return pino({ level: config.LOG_LEVEL ?? 'info', name: 'roundtable', transport: prettyTransport(config) });
}

export interface BootDatabase {
  url: string;
  /** Started here when no DATABASE_URL was given; the caller stops it. */
  embedded?: EmbeddedDatabase;
  /** The demo is seeded on the embedded database unless SEED_DEMO=false, elsewhere only if SEED_DEMO=true. */
  seedDemo: boolean;
}

/** DATABASE_URL's server, or without one an embedded PostgreSQL in DATA_DIR (for trying Roundtable out). */
export async function bootDatabase(config: AppConfig, log: Logger): Promise<BootDatabase> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, seedDemo: config.SEED_DEMO === true };
  log.info(
    { dataDir: config.DATA_DIR },
    'No DATABASE_URL: starting the embedded PostgreSQL (for trying Roundtable out, not for real records)',
  );
  const embedded = await startEmbeddedPostgres({
    dataDir: config.DATA_DIR,
    database: 'roundtable',
    avoidPorts: [config.PORT],
    log: (line) => log.debug({ component: 'embedded-postgres' }, line),
  });
  return { url: embedded.url, embedded, seedDemo: config.SEED_DEMO !== false };
}
