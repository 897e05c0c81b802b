import type { Actor } from './actor';

/**
 * Actors resolved for one HTTP request by the AuthGuard. Such an actor lives only as long as
 * its request, so what it may reach can be read once for the request and shared by every
 * field of it (libs/access RequestAccess). An actor held longer (a socket's, for the life of
 * the connection) is never in this set: its access is read afresh at each check, so a revoke
 * is seen by the very next delivery (rule 10).
 */
const requestActors = new WeakSet<Actor>();

export function markRequestActor(actor: Actor): void {
  requestActors.add(actor);
}

export function isRequestActor(actor: Actor): boolean {
  return requestActors.has(actor);
}
