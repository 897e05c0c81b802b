import { z } from 'zod';
import { SensitivityLabel, type ClientToServerEvents, type LabelCursor } from '@roundtable/contracts';
import { isUuid } from '@roundtable/platform';
import { fail, type Refusal } from './socket-answers';
import type { ClientEvent } from './socket-event-permissions';

/** plan_event.seq is a PostgreSQL integer: a cursor beyond it names no event (and must not reach SQL). */
const MAX_SEQUENCE = 2_147_483_647;
const LABELS = new Set<string>(Object.values(SensitivityLabel));

/**
 * A cursor object: known labels mapped to whole numbers from 0 to 2^31 − 1, nothing else
 * (no arrays, no prototype keys such as `__proto__`, no NaN, fractions or huge numbers).
 * The keys are checked on the object as sent: zod's record would skip an own `__proto__`.
 */
const labelCursor = z
  .custom<Record<string, unknown>>(
    (value) =>
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      Object.keys(value).every((key) => LABELS.has(key)),
  )
  .pipe(z.partialRecord(z.enum(SensitivityLabel), z.number().int().min(0).max(MAX_SEQUENCE)))
  .nullish()
  .transform((cursor): LabelCursor => cursor ?? {});

const uuid = z.string().refine(isUuid);

/**
 * Every client event's payload, parsed in this one place before any handler runs
 * (ARCHITECTURE.md "Inputs are validated"; socket events with a bad shape are answered,
 * never crash the process). Keyed by ClientToServerEvents like SOCKET_EVENT_PERMISSIONS: a
 * new event does not compile without a schema whose output fits its contract.
 *
 * plan:join takes any string id: one that is not a UUID names nothing, and answers NOT_FOUND
 * like an unknown or hidden plan (rule 11), not BAD_USER_INPUT (PlanRooms.join).
 */
const SCHEMAS = {
  'plan:join': z.object({ participantId: z.string(), cursor: labelCursor }),
  'plan:leave': z.object({ participantId: uuid }),
  'presence:editing': z.object({ participantId: uuid, itemId: z.string().nullable() }),
  // A malformed item id is the client's mistake, said plainly; a well-formed id that names
  // nothing this socket may see answers NOT_FOUND (LivePresence.announceViewing, rule 11).
  'presence:viewing': z.object({ participantId: uuid, itemId: uuid.nullable() }),
  'auth:refresh': z.object({ token: z.string() }),
} satisfies { [E in ClientEvent]: z.ZodType<Parameters<ClientToServerEvents[E]>[0]> };

type SocketPayloads = { [E in ClientEvent]: z.output<(typeof SCHEMAS)[E]> };
export type SocketPayload<E extends ClientEvent> = SocketPayloads[E];
const schemas: { [E in ClientEvent]: z.ZodType<SocketPayloads[E]> } = SCHEMAS;

/** What a malformed payload answers (BAD_USER_INPUT): per event, and per field where it says more. */
const INVALID: { [E in ClientEvent]: { message: string; fields?: Record<string, string> } } = {
  'plan:join': {
    message: 'participantId is required',
    fields: { cursor: 'cursor maps labels to the last sequence seen (whole numbers 0 to 2147483647)' },
  },
  'plan:leave': { message: 'participantId is required' },
  'presence:editing': { message: 'participantId and itemId (or null) are required' },
  'presence:viewing': {
    message: 'participantId and itemId (or null) are required',
    fields: { itemId: 'itemId is the id of an item in this plan, or null for none' },
  },
  'auth:refresh': { message: 'token is required' },
};

/** The event's payload as its handler takes it, or the BAD_USER_INPUT answer that names what is wrong. */
export function parsePayload<E extends ClientEvent>(
  event: E,
  request: unknown,
): { ok: true; payload: SocketPayload<E> } | Refusal {
  const parsed = schemas[event].safeParse(request);
  if (parsed.success) return { ok: true, payload: parsed.data };
  // The first problem decides, in the order the fields are declared (participantId first).
  const field = parsed.error.issues[0]?.path[0];
  const invalid = INVALID[event];
  return fail('BAD_USER_INPUT', (typeof field === 'string' && invalid.fields?.[field]) || invalid.message);
}
