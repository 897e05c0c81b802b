import type { ClientToServerEvents, PermissionName } from '@roundtable/contracts';

export type ClientEvent = keyof ClientToServerEvents;

/**
 * The named permission of every event a client may send (ARCHITECTURE.md "Who may do what is
 * one policy too"), as @Permission is for GraphQL and HTTP. The gateway registers exactly
 * these events, so an event cannot be handled without a declared permission, and a new
 * event in ClientToServerEvents does not compile until it has one. What each permission
 * means: libs/access/src/policies/*.permissions.ts and docs/permissions.md.
 */
export const SOCKET_EVENT_PERMISSIONS = {
  'plan:join': 'plan.watchLive',
  'plan:leave': 'plan.leaveLive',
  'presence:editing': 'presence.announceEditing',
  'presence:viewing': 'presence.announceViewing',
  'auth:refresh': 'session.refreshLive',
} as const satisfies Record<ClientEvent, PermissionName>;

/** The client events the gateway listens for, in declaration order. */
export const CLIENT_EVENTS = Object.keys(SOCKET_EVENT_PERMISSIONS) as ClientEvent[];
