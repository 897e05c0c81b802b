export * from './realtime.gateway';
export * from './realtime.module';
export * from './access-epoch.migration';
export * from './socket-event-permissions';
export * from './lossless-stream-reads';
export { LiveSockets } from './live-sockets';
