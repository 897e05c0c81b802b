import type { Response } from 'express';

/**
 * Sends an export: never cached by a browser or proxy (it is someone's health record),
 * never sniffed into another type, and saved under a name that says what it is.
 */
export function sendDownload(response: Response, body: Buffer | string, contentType: string, filename: string): void {
  response.setHeader('Content-Type', contentType);
  response.setHeader('Cache-Control', 'no-store');
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  response.status(200).send(body);
}
