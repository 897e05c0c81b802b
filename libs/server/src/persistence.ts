import { Access1763800000400, accessEntities } from '@roundtable/access';
import { CareTeam1763800000100, careTeamEntities } from '@roundtable/care-team';
import {
  Conference1763800000500,
  ConferenceParticipantVoice1763900000220,
  conferenceEntities,
} from '@roundtable/conference';
import { Identity1763800000000, identityEntities } from '@roundtable/identity';
import { Outcomes1763800000300, OutcomesParticipantVoice1763900000210, outcomesEntities } from '@roundtable/outcomes';
import {
  Plan1763800000200,
  PlanHiddenItems1763800000250,
  PlanOutbox1763800000270,
  PlanParticipantVoice1763900000200,
  PlanRankingVersion1763800000260,
  PlanWrittenWithYouSuperseded1763900000230,
  planEntities,
} from '@roundtable/plan';
import { Idempotency1763800000050, type PersistenceRegistry } from '@roundtable/platform';

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
    PlanParticipantVoice1763900000200,
    OutcomesParticipantVoice1763900000210,
    ConferenceParticipantVoice1763900000220,
    PlanWrittenWithYouSuperseded1763900000230,
  ],
};
