import { AUTHORIZED_RULES, AuthorizationTrace } from '@roundtable/access';
import { PERMISSION_NAMES } from '@roundtable/contracts';
import { declaredOperations } from '@roundtable/server';
import {
  connectRealtime,
  signIn,
  startDemoApp,
  type RealtimeClient,
  type SignedIn,
  type TestApp,
} from '@roundtable/testing';

/**
 * Socket events and HTTP exports under AuthorizationTrace (issue 15, "Trust II"), as the
 * authorization matrix runs every GraphQL operation: driven by a real socket.io client over a
 * real websocket and by real HTTP requests, each must call `authorize` with the permission it
 * declares (SOCKET_EVENT_PERMISSIONS, @Permission on the route) before any other permission's
 * rule, whenever it lets the caller through; and a refusal comes from its own rule, or (for an
 * export that reads through the plan's visibility) from a shared rule before any permission's.
 * Data-driven from the running app's own operations: a new socket event or export route without
 * a row here fails the first test.
 */
const DENIALS = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND']);

/** The permission a traced rule belongs to: `x.y:stage` is x.y's; shared rules none. */
function permissionOfRule(rule: string): string | undefined {
  const permission = rule.split(':')[0];
  return (PERMISSION_NAMES as readonly string[]).includes(permission) ? permission : undefined;
}

/** What one call answered: an ack's error code or OK, an HTTP status mapped to the same codes. */
type Call = () => Promise<string>;

/** Gets a call ready (signs in, connects, joins: untraced) and returns the call itself, which is traced. */
type Prepare = () => Promise<Call>;

/**
 * Routes open to anyone, about no person (server.checkHealth, server.scrapeMetrics): there is no
 * one to refuse, so they have no rule; libs/platform, below libs/access, serves them.
 */
const OPEN_ROUTES: Record<string, string> = {
  'GET /health/live': 'whether the process answers, to anyone (the orchestrator)',
  'GET /health/ready': 'whether it reaches its database, to anyone (the load balancer)',
  'GET /metrics': 'counts and timings, no participant data; the public proxy answers 404 for it',
};

interface Row {
  /** A call the caller is let through. */
  allowed: Prepare;
  /** A call that is refused, and which rule refuses it: the operation's own, or a shared rule before any permission's. */
  refused: { prepare: Prepare; by: 'own' | 'shared' } | { never: string };
}

describe('authorization trace: socket events and HTTP exports check the permission they declare', () => {
  let t: TestApp;
  let as: Record<string, SignedIn>;
  let participantId: string;
  let closedConferenceId: string;
  let permissionOf: Map<string, string | undefined>;
  const sockets: RealtimeClient[] = [];

  const socketOf = async (who: SignedIn): Promise<RealtimeClient> => {
    const socket = await connectRealtime(t.url, who.accessToken);
    sockets.push(socket);
    return socket;
  };
  const ackCode = (ack: unknown): string => {
    const answer = ack as { ok?: boolean; error?: { code: string } };
    return answer.ok ? 'OK' : (answer.error?.code ?? 'NO_ANSWER');
  };
  const httpCode = async (path: string, who: SignedIn): Promise<string> => {
    const response = await fetch(`${t.url}${path}`, { headers: { authorization: `Bearer ${who.accessToken}` } });
    await response.arrayBuffer();
    if (response.status === 200) return 'OK';
    return response.status === 404 ? 'NOT_FOUND' : `HTTP ${response.status}`;
  };
  const join = async (who: SignedIn): Promise<RealtimeClient> => {
    const socket = await socketOf(who);
    expect(ackCode(await socket.timeout(5000).emitWithAck('plan:join', { participantId }))).toBe('OK');
    return socket;
  };

  /** A socket event, sent by `who`'s socket once it is ready (connected, and in Sam's room when `joined`). */
  const emitting =
    (who: () => SignedIn, send: (socket: RealtimeClient) => Promise<unknown>, joined = false): Prepare =>
    async () => {
      const socket = joined ? await join(who()) : await socketOf(who());
      return async () => ackCode(await send(socket));
    };
  /** An HTTP export, asked for by `who`. */
  const exporting =
    (path: () => string, who: () => SignedIn): Prepare =>
    async () =>
    () =>
      httpCode(path(), who());
  const joining = (who: () => SignedIn): Prepare =>
    emitting(who, (socket) => socket.timeout(5000).emitWithAck('plan:join', { participantId }));
  const announcing = (
    event: 'presence:editing' | 'presence:viewing',
    who: () => SignedIn,
    itemId: string | null,
    joined: boolean,
  ): Prepare => emitting(who, (socket) => socket.timeout(5000).emitWithAck(event, { participantId, itemId }), joined);
  /** An export of Sam's that `allowedAs` gets and `refusedAs` is refused: by its own rule, or by a shared one first. */
  const exportRow = (path: () => string, allowedAs: string, refusedAs: string, by: 'own' | 'shared'): Row => ({
    allowed: exporting(path, () => as[allowedAs]),
    refused: { prepare: exporting(path, () => as[refusedAs]), by },
  });
  const UNKNOWN_ITEM = '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a';
  const planPdf = () => `/exports/participants/${participantId}/plan.pdf`;
  const recordJson = () => `/exports/participants/${participantId}/record.json`;
  const recordPdf = () => `/exports/participants/${participantId}/record.pdf`;
  const fhir = () => `/fhir/R4/Patient/${participantId}/$everything`;
  const minutes = () => `/exports/conferences/${closedConferenceId}/minutes.pdf`;

  const ROWS: Record<string, Row> = {
    'plan:join': {
      allowed: joining(() => as.cm),
      // A supervisor off Sam's team sees no label of the plan: NOT_FOUND, by plan.watchLive.
      refused: { prepare: joining(() => as.supervisor), by: 'own' },
    },
    'plan:leave': {
      allowed: emitting(
        () => as.cm,
        (socket) => socket.timeout(5000).emitWithAck('plan:leave', { participantId }),
        true,
      ),
      refused: { never: 'a socket leaves its own rooms only: there is no one else’s to name' },
    },
    'presence:editing': {
      allowed: announcing('presence:editing', () => as.cm, null, true),
      // Not in the room: nothing to announce there.
      refused: { prepare: announcing('presence:editing', () => as.housing, null, false), by: 'own' },
    },
    'presence:viewing': {
      allowed: announcing('presence:viewing', () => as.cm, null, true),
      // An unknown item answers like a hidden one.
      refused: { prepare: announcing('presence:viewing', () => as.cm, UNKNOWN_ITEM, true), by: 'own' },
    },
    'auth:refresh': {
      allowed: async () => {
        const socket = await socketOf(as.cm);
        const fresh = await signIn(t.gql, 'cm@demo.test');
        return async () =>
          ackCode(await socket.timeout(5000).emitWithAck('auth:refresh', { token: fresh.accessToken }));
      },
      // Another account's token never carries this connection on.
      refused: {
        prepare: emitting(
          () => as.cm,
          (socket) => socket.timeout(5000).emitWithAck('auth:refresh', { token: as.housing.accessToken }),
        ),
        by: 'own',
      },
    },
    // Sam's own exports; the plan's visibility refuses a supervisor off the team before the
    // export's rule (NOT_FOUND, shared:readable); the record is refused by its own rule.
    'GET /exports/participants/:participantId/plan.pdf': exportRow(planPdf, 'sam', 'supervisor', 'shared'),
    'GET /exports/participants/:participantId/record.json': exportRow(recordJson, 'sam', 'cm', 'own'),
    'GET /exports/participants/:participantId/record.pdf': exportRow(recordPdf, 'sam', 'cm', 'own'),
    'GET /fhir/R4/Patient/:participantId/$everything': exportRow(fhir, 'cm', 'supervisor', 'shared'),
    'GET /exports/conferences/:conferenceId/minutes.pdf': exportRow(minutes, 'sam', 'supervisor', 'shared'),
  };

  beforeAll(async () => {
    ({ t, as, participantId } = await startDemoApp(['sam', 'cm', 'housing', 'supervisor']));
    const { conferences } = await t.gql.data<{ conferences: { id: string; status: string }[] }>(
      'query C($id: ID!) { conferences(participantId: $id) { id status } }',
      { id: participantId },
      { token: as.sam.accessToken },
    );
    const closed = conferences.find((conference) => conference.status === 'CLOSED');
    if (!closed) throw new Error('the demo has a closed conference');
    closedConferenceId = closed.id;
    permissionOf = new Map(
      declaredOperations(t.app)
        .filter((operation) => operation.kind === 'socket' || operation.kind === 'HTTP')
        .map((operation) => [operation.name, operation.permission]),
    );
  }, 120_000);
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(() => t.close());

  it('has a row for every socket event and HTTP route but the open ones, and each declares a permission with a rule in authorize’s table', () => {
    expect([...Object.keys(ROWS), ...Object.keys(OPEN_ROUTES)].sort()).toEqual([...permissionOf.keys()].sort());
    const tabled = new Set(AUTHORIZED_RULES.map(permissionOfRule));
    const untabled = Object.keys(ROWS).filter((operation) => !tabled.has(permissionOf.get(operation)));
    expect(untabled).toEqual([]);
  });

  it.each(Object.keys(ROWS))('%s', async (operation) => {
    const row = ROWS[operation];
    const declared = permissionOf.get(operation) ?? '';
    const traced = async (prepare: Prepare): Promise<{ code: string; checked: string[] }> => {
      const call = await prepare();
      let checked: string[] = [];
      AuthorizationTrace.start();
      const code = await call().finally(() => (checked = AuthorizationTrace.stop()));
      return { code, checked };
    };
    const permissions = (checked: string[]) => checked.map(permissionOfRule).filter((name) => name !== undefined);

    const allowed = await traced(row.allowed);
    const observed: Record<string, unknown> = {
      allowed: { code: allowed.code, firstPermissionChecked: permissions(allowed.checked)[0] },
    };
    const expected: Record<string, unknown> = { allowed: { code: 'OK', firstPermissionChecked: declared } };
    if ('prepare' in row.refused) {
      const refused = await traced(row.refused.prepare);
      observed.refused = {
        denied: DENIALS.has(refused.code),
        refusedBy:
          row.refused.by === 'own' ? permissionOfRule(refused.checked.at(-1) ?? '') : permissions(refused.checked),
      };
      expected.refused = { denied: true, refusedBy: row.refused.by === 'own' ? declared : [] };
    }
    expect(observed).toEqual(expected);
  });
});
