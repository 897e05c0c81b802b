export * from './exports.module';
export * from './http/request-credentials';
export * from './external-sharing/external-sharing.entity';
export * from './external-sharing/external-sharing.migration';
export * from './external-sharing/external-sharing.models';
