export * from './care-team.entities';
export * from './care-team.inputs';
export * from './care-team.migration';
export * from './care-team.models';
export * from './care-team.module';
export * from './care-team.repository';
export * from './care-team-change.migration';
export * from './presence-sharing.migration';
