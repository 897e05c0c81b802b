export * from './realtime.gateway';
export * from './realtime.module';
