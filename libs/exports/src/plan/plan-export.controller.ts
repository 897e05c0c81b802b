import { Controller, Get, Param, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { authorize } from '@roundtable/access';
import { Clock, Public, Permission } from '@roundtable/platform';
import { ExportDownload, type ExportFile } from '../http/export-download';
import { ExportErrorFilter } from '../http/export-error.filter';
import { PlanExportLoader } from './plan-export.loader';
import { parsePlanPdfOptions } from './plan-export.options';
import { renderPlanPdf } from './plan-pdf';

const PLAN_PDF: ExportFile = { action: 'exportPlanPdf', contentType: 'application/pdf', filename: 'plan.pdf' };

/**
 * `GET /exports/participants/:participantId/plan.pdf`: the printable plan. Same access as
 * GraphQL (the participant, or care-team staff under their labels); audited as
 * `exportPlanPdf` with the labels it carried (PRODUCT.md rule 12).
 * `@Public()` only opts out of the GraphQL guard: ExportDownload authenticates here.
 */
@Public()
@UseFilters(ExportErrorFilter)
@Controller('exports/participants')
export class PlanExportController {
  constructor(
    private readonly clock: Clock,
    private readonly download: ExportDownload,
    private readonly loader: PlanExportLoader,
  ) {}

  @Permission('export.planPdf')
  @Get(':participantId/plan.pdf')
  async planPdf(
    @Param('participantId') participantId: string,
    @Query() query: Record<string, unknown>,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const actor = await this.download.actor(request);
    const options = parsePlanPdfOptions(query);
    await this.download.send(response, actor, PLAN_PDF, participantId, async () => {
      const viewer = await this.loader.viewer(actor, participantId);
      // What the export carries (ExportPolicy.planPdf): what the viewer may see, narrowed by what it asks for.
      const labels = authorize('export.planPdf', viewer, options.labels);
      const data = await this.loader.load(viewer, { onlyLabels: labels });
      const result = await renderPlanPdf(data, options.sections, options.language, this.clock.now());
      return { result, participantId, labels: data.labels };
    });
  }
}
