/** What kind of person an account belongs to. */
export enum AccountKind {
  STAFF = 'STAFF',
  PARTICIPANT = 'PARTICIPANT',
  SUPPORT_PERSON = 'SUPPORT_PERSON',
}

/** A staff member's profession; it decides default visibility of sensitivity labels. */
export enum Discipline {
  CASE_MANAGEMENT = 'CASE_MANAGEMENT',
  MEDICAL = 'MEDICAL',
  NURSING = 'NURSING',
  HOUSING = 'HOUSING',
  PEER_SUPPORT = 'PEER_SUPPORT',
  BEHAVIOURAL_HEALTH = 'BEHAVIOURAL_HEALTH',
  RECOVERY_COUNSELLING = 'RECOVERY_COUNSELLING',
}

/** A staff member's role in their program (agency), separate from any care team. */
export enum ProgramRole {
  STAFF = 'STAFF',
  SUPERVISOR = 'SUPERVISOR',
  ADMINISTRATOR = 'ADMINISTRATOR',
}

export enum AccountStatus {
  /** Invited or set up, but no password chosen yet. */
  PENDING = 'PENDING',
  ACTIVE = 'ACTIVE',
  DEACTIVATED = 'DEACTIVATED',
}

/** A member's role on one participant's care team. */
export enum TeamRole {
  PRIMARY_CASE_MANAGER = 'PRIMARY_CASE_MANAGER',
  CARE_TEAM_MEMBER = 'CARE_TEAM_MEMBER',
  SUPPORT_PERSON = 'SUPPORT_PERSON',
}
