export * from './errors';
export * from './roles';
export * from './plan';
export * from './outcomes';
export * from './realtime';
export * from './conference';
export * from './permissions';
export * from './default-labels';
