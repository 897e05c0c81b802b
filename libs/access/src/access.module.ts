import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { CareTeamModule } from '@roundtable/care-team';
import { CO_SIGN_PROVIDERS, IdentityModule } from '@roundtable/identity';
import { AccessSnapshotRepository } from './access-snapshot.repository';
import { AuditRepository } from './audit.repository';
import { BreakGlassRepository } from './break-glass.repository';
import { CareTeamChangesRepository } from './care-team-changes.repository';
import { CompartmentRepository } from './compartment.repository';
import { PresenceSharingRepository } from './presence-sharing.repository';
import { SignInSetupRepository } from './sign-in-setup.repository';
import { VisibilityRepository } from './visibility.repository';
import { AccountLifecyclePolicy } from './policies/account-lifecycle.policy';
import { AccountLifecycleResolver } from './account-lifecycle.resolver';
import { AccountsResolver } from './accounts.resolver';
import { AuditInterceptor } from './audit.interceptor';
import { AuditTrail } from './audit-trail';
import { BreakGlassResolver } from './break-glass.resolver';
import { BreakGlassService } from './break-glass.service';
import { CareTeamChangesResolver } from './care-team-changes.resolver';
import { CareTeamChangesService } from './care-team-changes.service';
import { CareTeamTimeline } from './care-team-timeline.port';
import { CompartmentPolicy } from './policies/compartment.policy';
import { BreakGlassPolicy } from './policies/break-glass.policy';
import { CareTeamPolicy } from './policies/care-team.policy';
import { ConsentResolver } from './consent.resolver';
import { ConsentService } from './consent.service';
import { ConsentPolicy } from './policies/consent.policy';
import { CredentialsPolicy } from './policies/credentials.policy';
import { CredentialsResolver } from './credentials.resolver';
import { ParticipantsResolver } from './participants.resolver';
import { ParticipantsService } from './participants.service';
import { ParticipantOnlyPolicy } from './policies/participant-only.policy';
import { ParticipantVoicePolicy } from './policies/participant-voice.policy';
import { PresenceSharingResolver } from './presence-sharing.resolver';
import { RequestAccess } from './request-access';
import { SignInSetupService } from './sign-in-setup.service';
import { VisibilityPolicy } from './visibility.policy';

/** The one place that answers who may see and do what, and keeps the audit trail. */
@Module({
  imports: [IdentityModule, CareTeamModule],
  providers: [
    AccessSnapshotRepository,
    AuditRepository,
    BreakGlassRepository,
    CareTeamChangesRepository,
    CompartmentRepository,
    PresenceSharingRepository,
    SignInSetupRepository,
    VisibilityRepository,
    AuditTrail,
    RequestAccess,
    CompartmentPolicy,
    VisibilityPolicy,
    ParticipantsService,
    ParticipantsResolver,
    CareTeamPolicy,
    CareTeamTimeline,
    CareTeamChangesService,
    CareTeamChangesResolver,
    BreakGlassPolicy,
    BreakGlassService,
    BreakGlassResolver,
    ConsentPolicy,
    ConsentService,
    ConsentResolver,
    CredentialsPolicy,
    SignInSetupService,
    CredentialsResolver,
    AccountLifecyclePolicy,
    AccountLifecycleResolver,
    AccountsResolver,
    ...CO_SIGN_PROVIDERS,
    ParticipantVoicePolicy,
    ParticipantOnlyPolicy,
    PresenceSharingResolver,
    { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
  ],
  exports: [
    AuditTrail,
    BreakGlassService,
    CompartmentPolicy,
    VisibilityPolicy,
    ConsentService,
    CareTeamTimeline,
    ParticipantVoicePolicy,
    ParticipantOnlyPolicy,
  ],
})
export class AccessModule {}
