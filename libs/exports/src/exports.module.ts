import { Module } from '@nestjs/common';
import { AccessModule } from '@roundtable/access';
import { CareTeamModule } from '@roundtable/care-team';
import { ConferenceAccess, ConferenceAudience, ConferenceModule, ConferenceReader } from '@roundtable/conference';
import { IdentityModule } from '@roundtable/identity';
import { OutcomesModule } from '@roundtable/outcomes';
import { PlanModule, TimelineService } from '@roundtable/plan';
import { ExportAudit } from './http/export-audit';
import { ExportDownload } from './http/export-download';
import { ExportRequester } from './http/export-requester';
import { BearerHeaderCredential, EXPORT_CREDENTIALS } from './http/request-credentials';
import { MinutesExportController } from './minutes/minutes-export.controller';
import { ParticipantRecordService } from './record/participant-record.service';
import { RecordExportController } from './record/record-export.controller';
import { ExternalSharingResolver } from './external-sharing/external-sharing.resolver';
import { ExternalSharingService } from './external-sharing/external-sharing.service';
import { FhirController } from './fhir/fhir.controller';
import { PlanExportController } from './plan/plan-export.controller';
import { PlanExportLoader } from './plan/plan-export.loader';
import { AccountEmailRepository } from './plan/account-email.repository';
import { ExternalSharingRepository } from './external-sharing/external-sharing.repository';

/**
 * Take it with you (issue 19): printable plan and minutes, the participant's whole record,
 * and FHIR R4, each through the same policy as GraphQL.
 */
@Module({
  imports: [IdentityModule, CareTeamModule, AccessModule, PlanModule, OutcomesModule, ConferenceModule],
  controllers: [PlanExportController, MinutesExportController, RecordExportController, FhirController],
  providers: [
    BearerHeaderCredential,
    {
      provide: EXPORT_CREDENTIALS,
      useFactory: (bearer: BearerHeaderCredential) => [bearer],
      inject: [BearerHeaderCredential],
    },
    ExportRequester,
    ExportAudit,
    ExportDownload,
    PlanExportLoader,
    AccountEmailRepository,
    // The conference readers, as the `conference` query uses them (stateless; see libs/conference).
    ConferenceAccess,
    ConferenceAudience,
    ConferenceReader,
    // The plan's history, as the `timeline` query reads it (stateless; see libs/plan).
    TimelineService,
    ParticipantRecordService,
    ExternalSharingRepository,
    ExternalSharingService,
    ExternalSharingResolver,
  ],
})
export class ExportsModule {}
