import { Access1763800000400, accessEntities, BreakGlassSafeguards1763900000701 } from '@roundtable/access';
import {
  CareTeam1763800000100,
  CareTeamChanges1763900000700,
  careTeamEntities,
  PresenceSharing1763900000920,
} from '@roundtable/care-team';
import {
  Conference1763800000500,
  ConferenceCoFacilitator1763900000930,
  ConferenceParticipantVoice1763900000220,
  ConferenceRoomVersions1763900000401,
  conferenceEntities,
} from '@roundtable/conference';
import { ExternalSharing1763900000500, exportsEntities } from '@roundtable/exports';
import {
  Credentials1763900000100,
  DeviceSessions1763900000600,
  Identity1763800000000,
  identityEntities,
} from '@roundtable/identity';
import { Outcomes1763800000300, OutcomesParticipantVoice1763900000210, outcomesEntities } from '@roundtable/outcomes';
import {
  Plan1763800000200,
  PlanHiddenItems1763800000250,
  PlanOutbox1763800000270,
  PlanParticipantVoice1763900000200,
  PlanRankingVersion1763800000260,
  PlanAddedOrder1763900000800,
  PlanWrittenWithYouSuperseded1763900000230,
  planEntities,
  StrategyCheckIns1763900000910,
} from '@roundtable/plan';
import {
  Idempotency1763800000050,
  IdempotencyInputHash1763900000400,
  type PersistenceRegistry,
} from '@roundtable/platform';
import { RealtimeAccessEpoch1763900000300 } from '@roundtable/realtime';
import { DemoAnchor1763900000900 } from './demo/demo-anchor.migration';

/** Every bounded context's entities and migrations, in one list for the DataSource. */
export const persistence: PersistenceRegistry = {
  entities: [
    ...identityEntities,
    ...careTeamEntities,
    ...planEntities,
    ...outcomesEntities,
    ...accessEntities,
    ...conferenceEntities,
    ...exportsEntities,
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
    Credentials1763900000100,
    PlanParticipantVoice1763900000200,
    OutcomesParticipantVoice1763900000210,
    ConferenceParticipantVoice1763900000220,
    PlanWrittenWithYouSuperseded1763900000230,
    RealtimeAccessEpoch1763900000300,
    IdempotencyInputHash1763900000400,
    ConferenceRoomVersions1763900000401,
    ExternalSharing1763900000500,
    DeviceSessions1763900000600,
    CareTeamChanges1763900000700,
    BreakGlassSafeguards1763900000701,
    PlanAddedOrder1763900000800,
    DemoAnchor1763900000900,
    StrategyCheckIns1763900000910,
    PresenceSharing1763900000920,
    ConferenceCoFacilitator1763900000930,
  ],
};
