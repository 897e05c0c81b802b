import { DataSource } from 'typeorm';
import { createDataSourceOptions, runMigrations } from '@roundtable/platform';
import { persistence } from '@roundtable/server';
import { createTestDatabase, type TestDatabase } from '@roundtable/testing';

async function publicTables(dataSource: DataSource): Promise<string[]> {
  const rows: { table_name: string }[] = await dataSource.query(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
  );
  return rows.map((row) => row.table_name);
}

describe('migrations', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase({ empty: true });
    dataSource = await new DataSource(createDataSourceOptions(database.url, persistence)).initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('run on an empty database, twice without effect, and revert to empty', async () => {
    expect(await publicTables(dataSource)).toEqual([]);

    const applied = await runMigrations(dataSource);
    expect(applied.map((m) => m.name)).toEqual(persistence.migrations.map((m) => m.name));
    const tables = await publicTables(dataSource);
    expect(tables).toContain('schema_migration');
    expect(tables.length).toBeGreaterThan(1);

    expect(await runMigrations(dataSource)).toEqual([]);

    for (let i = 0; i < persistence.migrations.length; i++) await dataSource.undoLastMigration({ transaction: 'each' });
    expect(await publicTables(dataSource)).toEqual(['schema_migration']);
  });

  it('never let two nodes run them at once (advisory lock)', async () => {
    const second = await new DataSource(createDataSourceOptions(database.url, persistence)).initialize();
    try {
      const [a, b] = await Promise.all([runMigrations(dataSource), runMigrations(second)]);
      expect(a.length + b.length).toBe(persistence.migrations.length);
    } finally {
      await second.destroy();
    }
  });
});
