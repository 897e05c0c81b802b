import type { Client, CombinedError, OperationResult } from 'urql';
import type { TypedDocumentNode } from '@urql/core';

/**
 * Changes not yet saved. Kept in memory only (nothing of the plan is ever written to storage,
 * so a shared computer keeps nothing): closing the tab while offline loses them, and the
 * banner says so. Each change keeps the idempotency key it was first sent with, so a retry
 * after a lost answer never doubles anything (ARCHITECTURE.md "API conventions").
 */
export interface PendingChange {
  id: string;
  /** What the banner shows, already translated. */
  description: string;
  run: () => Promise<OperationResult>;
}

type Listener = (pending: readonly PendingChange[], online: boolean) => void;

let pending: PendingChange[] = [];
let online = typeof navigator === 'undefined' ? true : navigator.onLine;
const listeners = new Set<Listener>();

function notify(): void {
  for (const listener of listeners) listener(pending, online);
}

export function onOutboxChange(listener: Listener): () => void {
  listeners.add(listener);
  listener(pending, online);
  return () => listeners.delete(listener);
}

export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

function isNetworkFailure(error: CombinedError | undefined): boolean {
  return Boolean(error?.networkError);
}

async function flush(): Promise<void> {
  while (pending.length > 0 && online) {
    const [next] = pending;
    const result = await next.run();
    if (isNetworkFailure(result.error)) return; // still offline: keep it, try again later
    pending = pending.filter((change) => change.id !== next.id);
    notify();
  }
}

export function startOutbox(): () => void {
  const goOnline = () => {
    online = true;
    notify();
    void flush();
  };
  const goOffline = () => {
    online = false;
    notify();
  };
  window.addEventListener('online', goOnline);
  window.addEventListener('offline', goOffline);
  return () => {
    window.removeEventListener('online', goOnline);
    window.removeEventListener('offline', goOffline);
  };
}

/** Forget queued changes (signing out: they belong to the person who made them). */
export function clearOutbox(): void {
  pending = [];
  notify();
}

/**
 * Sends a change now; when the network is down, queues it and sends it again (same
 * variables, so the same idempotency key) once the browser is back online. A change without
 * a key of its own gets a fresh one here: a retry of this send is then answered with the
 * first result (or the current state), never applied twice.
 */
export function send<Data, Variables extends { input: { idempotencyKey?: string | null } }>(
  client: Client,
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
  description: string,
): Promise<OperationResult<Data, Variables> | 'queued'> {
  const keyed = { ...variables, input: { idempotencyKey: newIdempotencyKey(), ...variables.input } };
  return sendAsIs(client, document, keyed, description);
}

/**
 * For the few mutations that take no key (the API lists them with the reason): each is
 * harmless to repeat, such as hiding a win or setting a choice to a value.
 */
export async function sendAsIs<Data, Variables extends Record<string, unknown>>(
  client: Client,
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
  description: string,
): Promise<OperationResult<Data, Variables> | 'queued'> {
  const run = () => client.mutation(document, variables).toPromise() as Promise<OperationResult>;
  if (online) {
    const result = (await run()) as OperationResult<Data, Variables>;
    if (!isNetworkFailure(result.error)) return result;
    online = navigator.onLine;
  }
  pending = [...pending, { id: newIdempotencyKey(), description, run }];
  notify();
  return 'queued';
}
