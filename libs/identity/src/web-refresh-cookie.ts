import type { Request, Response } from 'express';

/**
 * The web client's refresh token lives only in this cookie: HttpOnly so page scripts (and
 * anything injected into them) can never read it, SameSite=Strict and Path=/graphql so the
 * browser sends it nowhere else and never from another site.
 */
export const REFRESH_COOKIE = 'rt_refresh';
export const WEB_CLIENT_HEADER = 'x-roundtable-client';

/** The web client marks its requests so the API answers with a cookie instead of a token field. */
export function isWebClient(req: Request): boolean {
  return req.headers[WEB_CLIENT_HEADER] === 'web';
}

export function readRefreshCookie(req: Request): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0) continue;
    if (part.slice(0, separator).trim() === REFRESH_COOKIE) {
      return decodeURIComponent(part.slice(separator + 1).trim());
    }
  }
  return undefined;
}

function cookieOptions(req: Request): string {
  return `Path=/graphql; HttpOnly; SameSite=Strict${req.secure ? '; Secure' : ''}`;
}

export function setRefreshCookie(req: Request, res: Response, token: string, expiresAt: Date): void {
  res.append(
    'Set-Cookie',
    `${REFRESH_COOKIE}=${encodeURIComponent(token)}; ${cookieOptions(req)}; Expires=${expiresAt.toUTCString()}`,
  );
}

export function clearRefreshCookie(req: Request, res: Response): void {
  res.append('Set-Cookie', `${REFRESH_COOKIE}=; ${cookieOptions(req)}; Max-Age=0`);
}
