import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import express from 'express';
import { ErrorCode } from '@roundtable/contracts';

interface BodyParserError extends Error {
  type?: string;
  status?: number;
}

/**
 * JSON bodies up to `limit` bytes. Body-parser failures (too large, malformed JSON) are
 * answered here in GraphQL's error shape, since they happen before Nest or Apollo run and
 * Express's default handler would answer with an HTML page.
 */
export function installJsonBodyParser(app: INestApplication, limit: number): void {
  app.use(express.json({ limit }));
  app.use((error: BodyParserError, _request: Request, response: Response, next: NextFunction) => {
    if (!error) return next();
    const tooLarge = error.type === 'entity.too.large';
    const status = tooLarge ? 413 : (error.status ?? 400);
    const code = tooLarge ? ErrorCode.PAYLOAD_TOO_LARGE : 'BAD_REQUEST';
    const message = tooLarge
      ? `Request body is larger than the limit of ${limit} bytes`
      : 'Request body is not valid JSON';
    response.status(status).json({ errors: [{ message, extensions: { code } }] });
  });
}
