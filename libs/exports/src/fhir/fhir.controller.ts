import { Controller, Get, Param, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { authorize, ConsentService } from '@roundtable/access';
import type { Measurement } from '@roundtable/outcomes';
import { ProgressReader } from '@roundtable/outcomes';
import { badUserInput, Clock, Public, Permission } from '@roundtable/platform';
import { ExternalSharingService } from '../external-sharing/external-sharing.service';
import { ExportDownload, type ExportFile } from '../http/export-download';
import { ExportErrorFilter } from '../http/export-error.filter';
import { PlanExportLoader } from '../plan/plan-export.loader';
import { allPages } from '../record/paged';
import { everythingBundle } from './everything-bundle';

const EVERYTHING: ExportFile = {
  action: 'fhirEverything',
  contentType: 'application/fhir+json; charset=utf-8',
  filename: 'everything.json',
};

/**
 * FHIR R4 `GET /fhir/R4/Patient/:participantId/$everything` (`application/fhir+json`), for
 * another system (an EHR). Same access as GraphQL; and what staff send out carries only the
 * labels the participant allowed to be shared outside, substance use only to the recipient
 * the consent names (`?recipient=`; 42 CFR Part 2). The participant's own bundle holds
 * everything, their consents included. Audited as `fhirEverything` (PRODUCT.md rules 10-12).
 */
@Public()
@UseFilters(ExportErrorFilter)
@Controller('fhir/R4/Patient')
export class FhirController {
  constructor(
    private readonly clock: Clock,
    private readonly download: ExportDownload,
    private readonly loader: PlanExportLoader,
    private readonly progressReader: ProgressReader,
    private readonly consent: ConsentService,
    private readonly sharing: ExternalSharingService,
  ) {}

  @Permission('export.fhirEverything')
  @Get(':participantId/\\$everything')
  async everything(
    @Param('participantId') participantId: string,
    @Query('recipient') recipient: unknown,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const actor = await this.download.actor(request);
    if (recipient !== undefined && (typeof recipient !== 'string' || recipient.length > 200)) {
      throw badUserInput('recipient', 'recipient: the receiving organisation, as named in the participant’s consent');
    }
    await this.download.send(response, actor, EVERYTHING, participantId, async () => {
      const viewer = await this.loader.viewer(actor, participantId);
      const outside = viewer.isParticipant
        ? null
        : await this.sharing.shareableLabels(participantId, (recipient as string | undefined) ?? null);
      // What may leave Roundtable (ExportPolicy.fhirEverything): the participant's all, the team's as they allowed.
      const data = await this.loader.load(viewer, {
        onlyLabels: authorize('export.fhirEverything', viewer, outside),
        recentWins: 0,
      });
      const metricIds = data.progress.domains.flatMap((domain) =>
        [...domain.participantDefined, ...domain.clinical].map((series) => series.metric.id),
      );
      const measurements = new Map<string, Measurement[]>();
      for (const metricId of metricIds) {
        measurements.set(
          metricId,
          await allPages((after) => this.progressReader.measurements(actor, metricId, 100, after)),
        );
      }
      const consent = viewer.isParticipant
        ? {
            grants: await this.consent.grants(actor, participantId),
            externalSharing: await this.sharing.list(actor, participantId),
          }
        : null;
      const bundle = everythingBundle({
        baseUrl: `${request.protocol}://${request.get('host')}`,
        data,
        measurements,
        consent,
        now: this.clock.now(),
      });
      return { result: JSON.stringify(bundle), participantId, labels: data.labels };
    });
  }
}
