export * from './create-server';
export * from './persistence';
export * from './server.module';
export * from './start-server';
export * from './api-schema';
export * from './demo/demo-data';
export * from './demo/seed-demo';
export * from './operator/create-program';
