import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Actor } from '@roundtable/identity';
import { ExportAudit, type ExportedRecord } from './export-audit';
import { ExportRequester } from './export-requester';
import { sendDownload } from './send-download';

/** What a route hands out: the audit action it is recorded under and the file it is saved as. */
export interface ExportFile {
  action: string;
  contentType: string;
  filename: string;
}

/**
 * The steps every export route takes, in this order: who is asking (UNAUTHENTICATED before
 * anything else), then the route reads its query, then the audited read (PRODUCT.md rule 12)
 * and the download itself.
 */
@Injectable()
export class ExportDownload {
  constructor(
    private readonly requester: ExportRequester,
    private readonly audit: ExportAudit,
  ) {}

  actor(request: Request): Promise<Actor> {
    return this.requester.actor(request);
  }

  async send(
    response: Response,
    actor: Actor,
    file: ExportFile,
    askedFor: string,
    work: () => Promise<ExportedRecord<Buffer | string>>,
  ): Promise<void> {
    const body = await this.audit.run(actor, file.action, askedFor, work);
    sendDownload(response, body, file.contentType, file.filename);
  }
}
