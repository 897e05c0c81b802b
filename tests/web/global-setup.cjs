// Browser tests' set-up: refuse in one line when there is no Chromium, then build the API and
// prepare the test database server (the shared set-up), then build the web client into
// dist/apps/web (after, because the API build empties dist/).
const { existsSync } = require('node:fs');
const { execFileSync } = require('node:child_process');
const sharedSetup = require('../../libs/testing/jest-global-setup.cjs');

module.exports = async function globalSetup() {
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    console.error(
      `\nBrowser tests need Chromium at ${chromium}: install it with "apt-get install -y chromium" (or set CHROMIUM_PATH).`,
    );
    process.exit(1);
  }
  await sharedSetup();
  execFileSync(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'build', '--config', 'apps/web/vite.config.mts', '--logLevel', 'warn'],
    {
      stdio: 'inherit',
      // jest sets NODE_ENV=test, which would bundle React's development build: test what ships.
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
};
