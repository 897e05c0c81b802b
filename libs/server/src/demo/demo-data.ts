import { Discipline, ProgramRole, TeamRole } from '@roundtable/contracts';
import { ContactMode } from '@roundtable/care-team';

/** The fictional demo program. Every name here is made up. */
export const DEMO_PROGRAM = 'Harbour Street Outreach (demo)';
export const DEFAULT_DEMO_PASSWORD = 'roundtable-demo';
/** The seed dates the program's creation this many days before the day it is seeded. */
export const DEMO_PROGRAM_AGE_DAYS = 400;

export interface DemoStaff {
  key: string;
  email: string;
  displayName: string;
  discipline: Discipline | null;
  programRole: ProgramRole;
  teamRole?: TeamRole;
}

export const DEMO_STAFF: DemoStaff[] = [
  {
    key: 'cm',
    email: 'cm@demo.test',
    displayName: 'Alex Rivera',
    discipline: Discipline.CASE_MANAGEMENT,
    programRole: ProgramRole.STAFF,
    teamRole: TeamRole.PRIMARY_CASE_MANAGER,
  },
  {
    key: 'md',
    email: 'md@demo.test',
    displayName: 'Dr. Priya Natarajan',
    discipline: Discipline.MEDICAL,
    programRole: ProgramRole.STAFF,
    teamRole: TeamRole.CARE_TEAM_MEMBER,
  },
  {
    key: 'housing',
    email: 'housing@demo.test',
    displayName: 'Marcus Lee',
    discipline: Discipline.HOUSING,
    programRole: ProgramRole.STAFF,
    teamRole: TeamRole.CARE_TEAM_MEMBER,
  },
  {
    key: 'peer',
    email: 'peer@demo.test',
    displayName: 'Jordan Blake',
    discipline: Discipline.PEER_SUPPORT,
    programRole: ProgramRole.STAFF,
    teamRole: TeamRole.CARE_TEAM_MEMBER,
  },
  {
    key: 'supervisor',
    email: 'supervisor@demo.test',
    displayName: 'Dana Whitfield',
    discipline: Discipline.CASE_MANAGEMENT,
    programRole: ProgramRole.SUPERVISOR,
  },
  {
    key: 'admin',
    email: 'admin@demo.test',
    displayName: 'Robin Okafor',
    discipline: null,
    programRole: ProgramRole.ADMINISTRATOR,
  },
];

export const DEMO_PARTICIPANT = {
  preferredName: 'Sam',
  pronouns: 'they/them',
  email: 'participant@demo.test',
  username: 'sam',
};

/** Contacts over the last weeks, as days ago. */
export const DEMO_CONTACTS: { staff: string; daysAgo: number; mode: ContactMode }[] = [
  { staff: 'cm', daysAgo: 2, mode: ContactMode.IN_PERSON },
  { staff: 'peer', daysAgo: 5, mode: ContactMode.OUTREACH },
  { staff: 'md', daysAgo: 12, mode: ContactMode.IN_PERSON },
  { staff: 'housing', daysAgo: 9, mode: ContactMode.PHONE },
];
