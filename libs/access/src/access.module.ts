import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { CareTeamModule } from '@roundtable/care-team';
import { CO_SIGN_PROVIDERS, IdentityModule } from '@roundtable/identity';
import { AuditInterceptor } from './audit.interceptor';
import { AuditTrail } from './audit-trail';
import { CompartmentPolicy } from './compartment.policy';
import { ConsentResolver } from './consent.resolver';
import { ConsentService } from './consent.service';
import { ParticipantsResolver } from './participants.resolver';
import { ParticipantsService } from './participants.service';
import { ParticipantVoicePolicy } from './policies/participant-voice.policy';
import { VisibilityPolicy } from './visibility.policy';

/** The one place that answers who may see and do what, and keeps the audit trail. */
@Module({
  imports: [IdentityModule, CareTeamModule],
  providers: [
    AuditTrail,
    CompartmentPolicy,
    VisibilityPolicy,
    ParticipantsService,
    ParticipantsResolver,
    ConsentService,
    ConsentResolver,
    ...CO_SIGN_PROVIDERS,
    ParticipantVoicePolicy,
    { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
  ],
  exports: [AuditTrail, CompartmentPolicy, VisibilityPolicy, ConsentService, ParticipantVoicePolicy],
})
export class AccessModule {}
