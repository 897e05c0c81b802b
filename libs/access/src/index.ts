export * from './access.models';
export * from './access.module';
export * from './compartment.policy';
export * from './visibility.policy';
