import type { ResultOf } from '../graphql/graphql';
import type { AccountFields } from '../graphql/documents';

export type SignedInAccount = ResultOf<typeof AccountFields>;

export interface Session {
  /** Kept in memory only: never in localStorage, sessionStorage, IndexedDB or a readable cookie. */
  accessToken: string;
  expiresAt: number;
  account: SignedInAccount;
  /** "This is a shared computer": no refresh cookie exists, the sign-in ends with this tab. */
  sharedDevice: boolean;
}

type Listener = (session: Session | null) => void;

let current: Session | null = null;
const listeners = new Set<Listener>();

export function getSession(): Session | null {
  return current;
}

export function setSession(session: Session | null): void {
  current = session;
  for (const listener of listeners) listener(session);
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Marks every request so the API keeps the refresh token in its HttpOnly cookie (never in page memory). */
export const WEB_CLIENT_HEADERS = { 'X-Roundtable-Client': 'web' } as const;
