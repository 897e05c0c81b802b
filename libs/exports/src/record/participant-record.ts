import type { AccessLogEntry, ConsentGrant, EmergencyAccess } from '@roundtable/access';
import type { CareTeamChange } from '@roundtable/care-team';
import type { Conference } from '@roundtable/conference';
import type { Measurement, Progress, Setback, Win } from '@roundtable/outcomes';
import type { Plan, PlanEvent } from '@roundtable/plan';
import type { TeamContact } from '../plan/plan-export.loader';

/** Everything Roundtable holds about a participant, as `record.json` carries it. */
export interface ParticipantRecord {
  participant: { id: string; preferredName: string };
  exportedAt: Date;
  plan: Plan;
  careTeam: TeamContact[];
  careTeamChanges: CareTeamChange[];
  progress: Progress;
  measurements: { metricId: string; measurements: Measurement[] }[];
  wins: Win[];
  setbacks: Setback[];
  timeline: PlanEvent[];
  conferences: Conference[];
  consent: { grants: ConsentGrant[]; emergencyAccess: EmergencyAccess[] };
  accessLog: AccessLogEntry[];
}
