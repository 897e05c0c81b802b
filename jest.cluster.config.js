/** The cluster tests: two API processes and Redis (npm run test:cluster, needs REDIS_URL). */
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testMatch: ['<rootDir>/tests/cluster/**/*.spec.ts'],
  testTimeout: 60000,
  maxWorkers: 1,
};
