import { Controller, Get, Param, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ALL_LABELS } from '@roundtable/access';
import { Clock, Public, Permission } from '@roundtable/platform';
import { ExportAudit } from '../http/export-audit';
import { ExportErrorFilter } from '../http/export-error.filter';
import { ExportRequester } from '../http/export-requester';
import { sendDownload } from '../http/send-download';
import { parseLanguage } from '../plan/plan-export.options';
import { ParticipantRecordService } from './participant-record.service';
import { renderRecordPdf } from './record-pdf';

/**
 * `GET /exports/participants/:participantId/record.json` and `record.pdf`: the
 * participant's whole record, for the participant only (404 for everyone else, break-glass
 * included); audited as `exportRecordJson` / `exportRecordPdf` (PRODUCT.md rule 12).
 */
@Public()
@UseFilters(ExportErrorFilter)
@Controller('exports/participants')
export class RecordExportController {
  constructor(
    private readonly clock: Clock,
    private readonly requester: ExportRequester,
    private readonly audit: ExportAudit,
    private readonly records: ParticipantRecordService,
  ) {}

  @Permission('export.ownRecord')
  @Get(':participantId/record.json')
  async recordJson(
    @Param('participantId') participantId: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const actor = await this.requester.actor(request);
    const record = await this.audit.run(actor, 'exportRecordJson', participantId, async () => {
      const { record: result } = await this.records.load(actor, participantId);
      return { result, participantId, labels: ALL_LABELS };
    });
    sendDownload(response, JSON.stringify(record, null, 2), 'application/json; charset=utf-8', 'record.json');
  }

  @Permission('export.ownRecord')
  @Get(':participantId/record.pdf')
  async recordPdf(
    @Param('participantId') participantId: string,
    @Query('language') language: unknown,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const actor = await this.requester.actor(request);
    const chosen = parseLanguage(language);
    const pdf = await this.audit.run(actor, 'exportRecordPdf', participantId, async () => {
      const { record, plan } = await this.records.load(actor, participantId);
      const result = await renderRecordPdf(record, plan, chosen, this.clock.now());
      return { result, participantId, labels: ALL_LABELS };
    });
    sendDownload(response, pdf, 'application/pdf', 'record.pdf');
  }
}
