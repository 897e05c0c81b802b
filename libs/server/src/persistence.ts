import { Access1763800000400, accessEntities } from '@roundtable/access';
import { CareTeam1763800000100, careTeamEntities } from '@roundtable/care-team';
import {
  Conference1763800000500,
  ConferenceRoomVersions1763900000401,
  conferenceEntities,
} from '@roundtable/conference';
import { Identity1763800000000, identityEntities } from '@roundtable/identity';
import { Outcomes1763800000300, outcomesEntities } from '@roundtable/outcomes';
import {
  Plan1763800000200,
  PlanHiddenItems1763800000250,
  PlanOutbox1763800000270,
  PlanRankingVersion1763800000260,
  planEntities,
} from '@roundtable/plan';
import {
  Idempotency1763800000050,
  IdempotencyInputHash1763900000400,
  type PersistenceRegistry,
} from '@roundtable/platform';

/** Every bounded context's entities and migrations, in one list for the DataSource. */
export const persistence: PersistenceRegistry = {
  entities: [
    ...identityEntities,
    ...careTeamEntities,
    ...planEntities,
    ...outcomesEntities,
    ...accessEntities,
    ...conferenceEntities,
  ],
  migrations: [
    Identity1763800000000,
    Idempotency1763800000050,
    CareTeam1763800000100,
    Plan1763800000200,
    PlanHiddenItems1763800000250,
    PlanRankingVersion1763800000260,
    PlanOutbox1763800000270,
    Outcomes1763800000300,
    Access1763800000400,
    Conference1763800000500,
    IdempotencyInputHash1763900000400,
    ConferenceRoomVersions1763900000401,
  ],
};
