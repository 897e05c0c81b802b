import { startApiProcess, type ApiProcess } from './api-process';
import { TEST_JWT_SECRET } from './test-app';
import { createTestDatabase, type TestDatabase } from './test-database';

/**
 * The built API as its own process (as `npm start` runs it) on a fresh database seeded with
 * the demo, for the `describe` it is called in: started before its tests, stopped and its
 * database dropped after. `env` adds to or overrides the process's settings.
 */
export function demoApiProcess(env: Record<string, string> = {}): { readonly api: ApiProcess } {
  let database: TestDatabase | undefined;
  let api: ApiProcess | undefined;
  beforeAll(async () => {
    database = await createTestDatabase({ empty: true });
    api = await startApiProcess({ DATABASE_URL: database.url, JWT_SECRET: TEST_JWT_SECRET, SEED_DEMO: 'true', ...env });
  });
  afterAll(async () => {
    await api?.kill();
    await database?.drop();
  });
  return {
    get api(): ApiProcess {
      if (!api) throw new Error('the API process has not started (use it inside a test)');
      return api;
    },
  };
}
