/** The cluster tests: two API processes and Redis (npm run test:cluster, needs REDIS_URL). */
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testMatch: ['<rootDir>/tests/cluster/**/*.spec.ts'],
  testTimeout: 60000,
  maxWorkers: 1,
  // The suites stop their API processes and Redis relays, but a redis client handle can
  // outlive them; a finished run must never hang CI, so jest exits once results are in.
  forceExit: true,
};
