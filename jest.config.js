/** One jest run for unit, integration and end-to-end specs (cluster and bench run apart). */
const swc = require('./.swcrc.json');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  rootDir: __dirname,
  testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts', '<rootDir>/tests/e2e/**/*.spec.ts'],
  // NestJS 12, Apollo Server 5 and several of their dependencies ship only ES modules, and
  // jest on Node 20 cannot require() them: SWC compiles them to CommonJS like our own code.
  // Large CommonJS packages are left alone to keep a cold run fast.
  transform: {
    '^.+\\.ts$': ['@swc/jest', { ...swc, sourceMaps: 'inline', swcrc: false }],
    '^.+\\.m?js$': ['@swc/jest', { module: { type: 'commonjs' }, jsc: { target: 'es2022' }, swcrc: false }],
  },
  transformIgnorePatterns: [
    '/node_modules/(typeorm|pg|pg-[a-z-]+|graphql|rxjs|class-validator|class-transformer|lodash[^/]*|@typescript-eslint|typescript|eslint[^/]*|@swc|jest[^/]*|@jest)/',
  ],
  moduleNameMapper: { '^@roundtable/(.*)$': '<rootDir>/libs/$1/src' },
  globalSetup: '<rootDir>/libs/testing/jest-global-setup.cjs',
  globalTeardown: '<rootDir>/libs/testing/jest-global-teardown.cjs',
  testTimeout: 30000,
  maxWorkers: process.env.CI ? 2 : '50%',
};
