import { Controller, Get, Param, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ALL_LABELS } from '@roundtable/access';
import { Clock, Public, Permission } from '@roundtable/platform';
import { ExportDownload, type ExportFile } from '../http/export-download';
import { ExportErrorFilter } from '../http/export-error.filter';
import { parseLanguage } from '../plan/plan-export.options';
import { ParticipantRecordService } from './participant-record.service';
import { renderRecordPdf } from './record-pdf';

const RECORD_JSON: ExportFile = {
  action: 'exportRecordJson',
  contentType: 'application/json; charset=utf-8',
  filename: 'record.json',
};
const RECORD_PDF: ExportFile = { action: 'exportRecordPdf', contentType: 'application/pdf', filename: 'record.pdf' };

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
    private readonly download: ExportDownload,
    private readonly records: ParticipantRecordService,
  ) {}

  @Permission('export.ownRecord')
  @Get(':participantId/record.json')
  async recordJson(
    @Param('participantId') participantId: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const actor = await this.download.actor(request);
    await this.download.send(response, actor, RECORD_JSON, participantId, async () => {
      const { record } = await this.records.load(actor, participantId);
      return { result: JSON.stringify(record, null, 2), participantId, labels: ALL_LABELS };
    });
  }

  @Permission('export.ownRecord')
  @Get(':participantId/record.pdf')
  async recordPdf(
    @Param('participantId') participantId: string,
    @Query('language') language: unknown,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const actor = await this.download.actor(request);
    const chosen = parseLanguage(language);
    await this.download.send(response, actor, RECORD_PDF, participantId, async () => {
      const { record, plan } = await this.records.load(actor, participantId);
      const result = await renderRecordPdf(record, plan, chosen, this.clock.now());
      return { result, participantId, labels: ALL_LABELS };
    });
  }
}
