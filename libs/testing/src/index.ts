export * from './graphql-client';
export * from './test-app';
export * from './test-database';
export * from './sign-in';
export * from './plan-fixtures';
export * from './random';
export * from './realtime-client';
export * from './sql-counter';
