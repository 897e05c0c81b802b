import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { Authenticator, bearerToken, type Actor } from '@roundtable/identity';

/**
 * One way a download request can prove who is asking. Exports are plain HTTP GETs (a
 * browser link, `curl`, an EHR's FHIR client), so the ways are listed here instead of
 * reusing the GraphQL guard: the bearer header today; a web session cookie can be added
 * as another provider under EXPORT_CREDENTIALS without touching the controllers.
 */
export interface RequestCredential {
  /** The signed-in actor this request proves, or undefined when it carries no such proof. */
  actorFor(request: Request): Promise<Actor | undefined>;
}

/** Multi-provider token: every RequestCredential the exports accept, tried in order. */
export const EXPORT_CREDENTIALS = Symbol('EXPORT_CREDENTIALS');

/** `Authorization: Bearer <access token>`, checked by the same Authenticator as GraphQL. */
@Injectable()
export class BearerHeaderCredential implements RequestCredential {
  constructor(private readonly authenticator: Authenticator) {}

  actorFor(request: Request): Promise<Actor | undefined> {
    return this.authenticator.authenticate(bearerToken(request.headers.authorization));
  }
}
