import type { DataSourceOptions, MigrationInterface, MixedList, EntitySchema } from 'typeorm';

/** The entities and migrations of every bounded context, collected by the app. */
export interface PersistenceRegistry {
  entities: MixedList<string | (new () => unknown) | EntitySchema>;
  migrations: (new () => MigrationInterface)[];
}

/**
 * How long a pooled database connection may sit idle before it is closed: five minutes, not
 * pg's ten seconds. Opening one again costs a PostgreSQL backend (a fork), its catalogue
 * caches and a fresh PREPARE of every hot statement, all while requests wait: with the
 * default, a lull of ten seconds after a burst (sockets joining) closed most connections and
 * the next burst stalled edits by 250-460 ms while seven were re-opened (issue 18; the quick
 * bench's edit → all peers p99 went from 226 ms to 17 ms). A few idle connections cost
 * PostgreSQL a few megabytes each.
 */
export const IDLE_CONNECTION_MS = 300_000;

/** One definition for the API, the CLI and the test harness: never `synchronize`. */
export function createDataSourceOptions(url: string, registry: PersistenceRegistry): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: registry.entities,
    migrations: registry.migrations,
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    extra: { max: 20, idleTimeoutMillis: IDLE_CONNECTION_MS, application_name: 'roundtable' },
  };
}
