/**
 * Export time for a large plan (issue 19): the demo participant plus 10 goals and 20 metrics
 * of 50 values each, exported over real HTTP by the real API in this process. Run:
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:exports
 * (it recreates its own database `roundtable_bench_exports` on each run). See docs/benchmarks.md.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { BetterDirection, Horizon, LifeDomain, MetricKind, ScaleType } from '@roundtable/contracts';
import { Authenticator } from '@roundtable/identity';
import { MetricDefinitionsService, type DefineMetricInput } from '@roundtable/outcomes';
import { GoalsService, type ExpressGoalInput } from '@roundtable/plan';
import { loadConfig, SystemClock } from '@roundtable/platform';
import { createServer, seedDemo } from '@roundtable/server';

const DATABASE = 'roundtable_bench_exports';
const RUNS = Number(process.env.RUNS ?? 7);

function urlFor(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function admin(serverUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: urlFor(serverUrl, 'postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('Set DATABASE_URL to a PostgreSQL server (a database of its own is created there)');
  await admin(serverUrl, `DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  await admin(serverUrl, `CREATE DATABASE ${DATABASE}`);
  const password = 'bench-exports-password';
  const config = loadConfig({
    NODE_ENV: 'test',
    JWT_SECRET: randomBytes(24).toString('hex'),
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
  });
  const app = await createServer({ config, databaseUrl: urlFor(serverUrl, DATABASE), clock: new SystemClock() });
  try {
    await app.init();
    await seedDemo(app, password);
    await app.listen(0, '127.0.0.1');
    const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const login = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation L($i: String!, $p: String!) { login(identifier: $i, password: $p) { accessToken } }',
        variables: { i: 'participant@demo.test', p: password },
      }),
    });
    const token = ((await login.json()) as { data: { login: { accessToken: string } } }).data.login.accessToken;
    const sam = (await app.get(Authenticator).authenticate(token))!;
    const participantId = sam.participantId!;

    // 10 goals and 20 participant-defined metrics (two per goal) of 50 weekly values each.
    const goals = app.get(GoalsService, { strict: false });
    const metrics = app.get(MetricDefinitionsService, { strict: false });
    const metricIds: string[] = [];
    for (let g = 0; g < 10; g++) {
      const goalId = await goals.expressGoal(sam, {
        participantId,
        text: `Bench goal ${g + 1}: something that matters to me`,
        domain: LifeDomain.QUALITY_OF_LIFE,
        horizon: Horizon.RIGHT_NOW,
        options: [],
        replacementStrategyIds: [],
        writtenWithParticipant: false,
      } as ExpressGoalInput);
      for (let m = 0; m < 2; m++) {
        metricIds.push(
          await metrics.define(sam, {
            participantId,
            kind: MetricKind.PARTICIPANT_DEFINED,
            name: `Bench measure ${g + 1}.${m + 1}, 0 to 10`,
            domain: [LifeDomain.QUALITY_OF_LIFE, LifeDomain.SAFETY, LifeDomain.HOUSING][(g + m) % 3],
            scale: ScaleType.NUMBER,
            minimum: 0,
            maximum: 10,
            better: BetterDirection.HIGHER,
            goalIds: [goalId],
            tracksSubstanceAmount: false,
          } as DefineMetricInput),
        );
      }
    }
    const client = new Client({ connectionString: urlFor(serverUrl, DATABASE) });
    await client.connect();
    await client.query(
      `INSERT INTO measurement (participant_id, metric_id, label, value, at, source, recorded_by, created_at)
       SELECT $1, m.id, m.label, (i * 7 + length(m.id::text)) % 11, now() - (50 - i) * interval '7 days', 'SELF_REPORT', $2, now()
         FROM metric m CROSS JOIN generate_series(1, 50) AS i WHERE m.id = ANY($3)`,
      [participantId, sam.accountId, metricIds],
    );
    await client.end();

    console.log(
      `Seeded: the demo plan plus 10 goals and ${metricIds.length} metrics × 50 values; ${RUNS} runs each after a warm-up`,
    );
    const targets: [string, string][] = [
      ['plan.pdf (pocket copy)', `/exports/participants/${participantId}/plan.pdf`],
      [
        'plan.pdf (all labels, Spanish)',
        `/exports/participants/${participantId}/plan.pdf?include=substance-use,legal&language=es`,
      ],
      ['record.json', `/exports/participants/${participantId}/record.json`],
      ['record.pdf', `/exports/participants/${participantId}/record.pdf`],
      ['FHIR Patient/$everything', `/fhir/R4/Patient/${participantId}/$everything`],
    ];
    console.log(`| export | median ms | slowest ms | size |`);
    console.log(`| --- | ---: | ---: | ---: |`);
    for (const [name, path] of targets) {
      const times: number[] = [];
      let bytes = 0;
      for (let run = 0; run <= RUNS; run++) {
        const started = performance.now();
        const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
        const body = Buffer.from(await response.arrayBuffer());
        if (response.status !== 200) throw new Error(`${path}: ${response.status} ${body.toString()}`);
        if (run > 0) times.push(performance.now() - started); // run 0 warms up
        bytes = body.length;
      }
      times.sort((a, b) => a - b);
      const median = times[Math.floor(times.length / 2)];
      console.log(
        `| ${name} | ${median.toFixed(0)} | ${times.at(-1)!.toFixed(0)} | ${(bytes / 1024).toFixed(0)} KiB |`,
      );
    }
  } finally {
    // The database stays until the next run drops it: dropping it here would cut the
    // connections the closing app still holds.
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
