import type { INestApplication, ModuleMetadata } from '@nestjs/common';
import { Clock, loadConfig, ManualClock, type AppConfig } from '@roundtable/platform';
import { createServer, DEFAULT_DEMO_PASSWORD, startDemo } from '@roundtable/server';
import { GraphQLTestClient } from './graphql-client';
import { createTestDatabase, type TestDatabase } from './test-database';

export const TEST_JWT_SECRET = 'test-secret-test-secret-test-secret-0123';

export interface TestApp {
  app: INestApplication;
  url: string;
  gql: GraphQLTestClient;
  clock: ManualClock;
  database: TestDatabase;
  config: AppConfig;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  clock?: ManualClock;
  extraModules?: ModuleMetadata['imports'];
  /** Reuse a database (e.g. two nodes on one database); a fresh one otherwise. */
  database?: TestDatabase;
  /**
   * Seed the demo program (accounts cm@demo.test … with DEMO_PASSWORD), as a start does: over
   * a `database` seeded before, its dates move forward to the clock instead.
   */
  seedDemo?: boolean;
}

export const DEMO_PASSWORD = DEFAULT_DEMO_PASSWORD;

/** Test configuration: what production validates, with test defaults. */
export function testConfig(env: Record<string, string> = {}): AppConfig {
  return loadConfig({ NODE_ENV: 'test', JWT_SECRET: TEST_JWT_SECRET, PORT: '0', HOST: '127.0.0.1', ...env });
}

/**
 * Boots the real API on a free port over its own fresh database, with a manual clock.
 * Drive it with `gql` (real HTTP) and close it in afterAll.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const ownsDatabase = !options.database;
  const clock = options.clock ?? new ManualClock();
  const config = testConfig(options.env);
  const app = await createServer({
    config,
    databaseUrl: database.url,
    clock: clock as Clock,
    extraModules: options.extraModules,
  });
  await app.init();
  if (options.seedDemo) await startDemo(app, DEMO_PASSWORD);
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    app,
    url,
    gql: new GraphQLTestClient(url),
    clock,
    database,
    config,
    close: async () => {
      await app.close();
      if (ownsDatabase) await database.drop();
    },
  };
}
