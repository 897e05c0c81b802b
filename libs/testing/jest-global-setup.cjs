// Jest global set-up (plain CommonJS on purpose: see libs/testing/src/test-server.ts).
// Builds the API once, then starts the test database server and hands its settings to
// every worker through the environment.
const { execFileSync, spawn } = require('node:child_process');
const { createInterface } = require('node:readline');

module.exports = async function globalSetup() {
  execFileSync(process.execPath, ['tools/build.mjs'], { stdio: 'inherit' });
  const server = spawn(process.execPath, ['dist/libs/testing/src/test-server.js', 'prepare'], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: process.env,
  });
  const settings = await new Promise((resolve, reject) => {
    const lines = createInterface({ input: server.stdout });
    lines.once('line', (line) => resolve(JSON.parse(line)));
    server.once('exit', (code) => reject(new Error(`the test database server exited with code ${code}`)));
  });
  Object.assign(process.env, settings);
  globalThis.__roundtableTestServer = server;
};
