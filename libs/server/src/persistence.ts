import type { PersistenceRegistry } from '@roundtable/platform';

/** Every bounded context's entities and migrations, in one list for the DataSource. */
export const persistence: PersistenceRegistry = {
  entities: [],
  migrations: [],
};
