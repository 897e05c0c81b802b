/**
 * Browser tests (`npm run test:web`): Debian's Chromium driven by playwright-core against the
 * built API and web client on real PostgreSQL. Never part of `npm test`, which stays browser-free.
 */
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testMatch: ['<rootDir>/tests/web/**/*.web.spec.ts'],
  globalSetup: '<rootDir>/tests/web/global-setup.cjs',
  testTimeout: 180000,
  maxWorkers: 1,
};
