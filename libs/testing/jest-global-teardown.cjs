// Jest global tear-down: drop this run's databases, stop the embedded server if any.
const { execFileSync } = require('node:child_process');

module.exports = async function globalTeardown() {
  execFileSync(process.execPath, ['dist/libs/testing/src/test-server.js', 'cleanup'], {
    stdio: 'inherit',
    env: process.env,
  });
  const server = globalThis.__roundtableTestServer;
  if (server && server.exitCode === null) {
    await new Promise((resolve) => {
      server.once('exit', resolve);
      server.kill('SIGTERM');
    });
  }
};
