import { Controller, Get, Param, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { authorize } from '@roundtable/access';
import { CareTeamRepository } from '@roundtable/care-team';
import { ConferenceAccess, ConferenceReader } from '@roundtable/conference';
import { Clock, isUuid, notFound, Public, Permission } from '@roundtable/platform';
import { ExportDownload, type ExportFile } from '../http/export-download';
import { ExportErrorFilter } from '../http/export-error.filter';
import { parseLanguage } from '../plan/plan-export.options';
import { renderMinutesPdf } from './minutes-pdf';

const MINUTES_PDF: ExportFile = { action: 'exportMinutesPdf', contentType: 'application/pdf', filename: 'minutes.pdf' };

/**
 * `GET /exports/conferences/:conferenceId/minutes.pdf?language=en|es`: the minutes as the
 * requester may see them, read by the same ConferenceAccess and ConferenceReader as the
 * `conference` query; audited as `exportMinutesPdf` (PRODUCT.md rule 12).
 */
@Public()
@UseFilters(ExportErrorFilter)
@Controller('exports/conferences')
export class MinutesExportController {
  constructor(
    private readonly clock: Clock,
    private readonly download: ExportDownload,
    private readonly access: ConferenceAccess,
    private readonly reader: ConferenceReader,
    private readonly store: CareTeamRepository,
  ) {}

  @Permission('export.minutesPdf')
  @Get(':conferenceId/minutes.pdf')
  async minutesPdf(
    @Param('conferenceId') conferenceId: string,
    @Query('language') language: unknown,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const actor = await this.download.actor(request);
    const chosen = parseLanguage(language);
    await this.download.send(response, actor, MINUTES_PDF, conferenceId, async () => {
      // A malformed id names no conference; it must not reach PostgreSQL as a bad uuid cast.
      if (!isUuid(conferenceId)) throw notFound();
      const { conference, viewer } = await this.access.reader(actor, conferenceId);
      // The minutes carry what the reader may see (ExportPolicy.minutesPdf), audited with those labels.
      const labels = authorize('export.minutesPdf', viewer);
      const [minutes] = await this.reader.load(viewer, [conference]);
      const [participant] = await this.store.participants([conference.participantId]);
      const result = await renderMinutesPdf(minutes, participant?.preferredName ?? '', chosen, this.clock.now());
      return { result, participantId: conference.participantId, labels };
    });
  }
}
