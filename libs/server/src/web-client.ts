import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';

/** Paths the API answers itself: never the web client's index.html, even when unknown. */
const API_PREFIXES = ['/graphql', '/realtime', '/health', '/metrics', '/exports', '/fhir'];

function isApiPath(path: string): boolean {
  return API_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/**
 * Strict: scripts and styles only from our own files (no inline script, no CDN, PRODUCT
 * note "clinics' networks block them"); the socket.io connection is the only other channel.
 */
export function contentSecurityPolicy(host: string | undefined): string {
  const sockets = host && /^[\w.:[\]-]+$/.test(host) ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${sockets}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function securityHeaders(req: Request, res: Response): void {
  res.setHeader('Content-Security-Policy', contentSecurityPolicy(req.headers.host));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
}

/**
 * Serves the built web client (apps/web, built by `npm start`) at `/`: hashed files under
 * /assets are cached for a year, index.html never (so a new release is picked up at once),
 * and any client route (/plan, /progress …) answers index.html. Without a build, `/`
 * says how to make one.
 */
export function installWebClient(app: INestApplication, distDir: string): void {
  const root = resolve(distDir);
  const indexPath = join(root, 'index.html');
  const assets = express.static(join(root, 'assets'), {
    index: false,
    fallthrough: false,
    immutable: true,
    maxAge: '365d',
    setHeaders: (res) => res.setHeader('X-Content-Type-Options', 'nosniff'),
  });
  const staticFiles = express.static(root, {
    index: false,
    setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache'),
  });

  app.use('/assets', (req: Request, res: Response, next: NextFunction) => assets(req, res, next));
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isApiPath(req.path)) return next();
    securityHeaders(req, res);
    if (req.path !== '/' && /\.[a-z0-9]+$/i.test(req.path)) return staticFiles(req, res, next);
    if (!existsSync(indexPath)) {
      res.status(404).type('text/plain').send('The web client is not built: run `npm start` (or `npm run build:web`).');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').send(readFileSync(indexPath));
  });
}
