import type { DataSourceOptions, MigrationInterface, MixedList, EntitySchema } from 'typeorm';

/** The entities and migrations of every bounded context, collected by the app. */
export interface PersistenceRegistry {
  entities: MixedList<string | (new () => unknown) | EntitySchema>;
  migrations: (new () => MigrationInterface)[];
}

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
    extra: { max: 20, application_name: 'roundtable' },
  };
}
