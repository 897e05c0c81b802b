export * from './exports.module';
export * from './http/request-credentials';
