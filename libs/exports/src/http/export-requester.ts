import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { Actor } from '@roundtable/identity';
import { badUserInput, unauthenticated } from '@roundtable/platform';
import { EXPORT_CREDENTIALS, type RequestCredential } from './request-credentials';

/**
 * Query parameters that would carry a credential. URLs end up in proxy logs, browser
 * history and Referer headers, so a request that puts a token there is refused outright
 * (ARCHITECTURE.md "Errors and limits"; PRODUCT.md rule 11), never honoured.
 */
const CREDENTIAL_PARAMETERS = ['access_token', 'token', 'authorization', 'bearer', 'jwt', 'refresh_token'];

/** Who is asking for an export: the first credential that proves an actor, or UNAUTHENTICATED. */
@Injectable()
export class ExportRequester {
  constructor(@Inject(EXPORT_CREDENTIALS) private readonly credentials: RequestCredential[]) {}

  async actor(request: Request): Promise<Actor> {
    const query = request.query as Record<string, unknown>;
    const inUrl = Object.keys(query).find((key) => CREDENTIAL_PARAMETERS.includes(key.toLowerCase()));
    if (inUrl) throw badUserInput(inUrl, `${inUrl}: send the token in the Authorization header, never in the URL`);
    for (const credential of this.credentials) {
      const actor = await credential.actorFor(request);
      if (actor) return actor;
    }
    throw unauthenticated();
  }
}
