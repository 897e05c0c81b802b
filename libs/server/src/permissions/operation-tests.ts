/** A test that proves who may call an operation: its spec file and its exact title. */
export interface TestReference {
  spec: string;
  test: string;
}

/** GraphQL operations are proved by the authorization matrix, one test per operation, named after it. */
export const AUTHORIZATION_MATRIX_SPEC = 'tests/e2e/authorization-matrix.spec.ts';

const REALTIME = 'tests/e2e/realtime.spec.ts';
/** Runs each socket event and export under AuthorizationTrace, one test per operation, named after it. */
const TRACE = 'tests/e2e/authorization-trace-live.spec.ts';
const traced = (operation: string): TestReference => ({ spec: TRACE, test: operation });
const REFUSALS = 'staff outside the team, and malformed requests, get an error answer and the server carries on';

/**
 * The tests that prove who may use each socket event and HTTP route, by operation name (as
 * `declaredOperations` names them). The permission-declarations test fails for an operation
 * missing here, and for a title its spec no longer has.
 */
export const NON_GRAPHQL_TESTS: Readonly<Record<string, readonly TestReference[]>> = {
  'plan:join': [
    { spec: REALTIME, test: REFUSALS },
    { spec: REALTIME, test: 'a grant moves live sockets in at once, and a revoke moves them out at once' },
    {
      spec: 'tests/e2e/realtime-revocation.spec.ts',
      test: '100 rounds of "narrow, then write immediately" into a 20-socket room never reach a socket that lost access',
    },
    traced('plan:join'),
  ],
  'plan:leave': [
    { spec: REALTIME, test: 'after plan:leave a socket receives nothing more from that plan, and can join again' },
    { spec: REALTIME, test: REFUSALS },
    traced('plan:leave'),
  ],
  'presence:editing': [
    {
      spec: REALTIME,
      test: 'shows who is here, what they edit only to those who may see it, and clears when they leave',
    },
    {
      spec: REALTIME,
      test: 'someone starting to edit an item hidden from a viewer sends that viewer no message at all',
    },
    traced('presence:editing'),
  ],
  'presence:viewing': [
    {
      spec: 'tests/e2e/room-presence.spec.ts',
      test: 'Alex on the substance-use agenda item sends Marcus nothing at all; Marcus on a general item is seen by Alex',
    },
    {
      spec: 'tests/e2e/room-presence.spec.ts',
      test: 'malformed, unknown, hidden and foreign item ids get a clear error answer and the server carries on',
    },
    traced('presence:viewing'),
  ],
  'auth:refresh': [
    { spec: REALTIME, test: 'closes a socket when its token expires, unless the client refreshed it' },
    traced('auth:refresh'),
  ],
  'GET /exports/participants/:participantId/plan.pdf': [
    {
      spec: 'tests/e2e/exports-plan-pdf.spec.ts',
      test: 'unknown, malformed and hidden participants answer exactly alike (404), and the refusals are audited',
    },
    {
      spec: 'tests/e2e/exports-plan-pdf.spec.ts',
      test: 'a housing worker’s PDF has no substance-use text even when asking for it, and the export is in Sam’s access log',
    },
    traced('GET /exports/participants/:participantId/plan.pdf'),
  ],
  'GET /exports/participants/:participantId/record.json': [
    {
      spec: 'tests/e2e/exports-record.spec.ts',
      test: 'staff on the team, break-glass included, get 404 exactly like an unknown id; the attempts are audited',
    },
    { spec: 'tests/e2e/exports-record.spec.ts', test: 'no token, or a token in the URL, never gets the record' },
    traced('GET /exports/participants/:participantId/record.json'),
  ],
  'GET /exports/participants/:participantId/record.pdf': [
    {
      spec: 'tests/e2e/exports-record.spec.ts',
      test: 'staff on the team, break-glass included, get 404 exactly like an unknown id; the attempts are audited',
    },
    traced('GET /exports/participants/:participantId/record.pdf'),
  ],
  'GET /fhir/R4/Patient/:participantId/$everything': [
    {
      spec: 'tests/e2e/exports-fhir.spec.ts',
      test: 'staff send out only what the participant allowed outside, and a housing worker’s bundle holds nothing from labels they may not see',
    },
    {
      spec: 'tests/e2e/exports-fhir.spec.ts',
      test: 'unknown and hidden participants answer alike; no token in the URL',
    },
    traced('GET /fhir/R4/Patient/:participantId/$everything'),
  ],
  'GET /exports/conferences/:conferenceId/minutes.pdf': [
    {
      spec: 'tests/e2e/exports-minutes-pdf.spec.ts',
      test: 'unknown, malformed and hidden conferences answer alike; every export and refusal is in the access log',
    },
    {
      spec: 'tests/e2e/exports-minutes-pdf.spec.ts',
      test: 'a housing worker’s minutes hold no substance-use item and number the agenda over what they see',
    },
    traced('GET /exports/conferences/:conferenceId/minutes.pdf'),
  ],
  'GET /health/live': [
    { spec: 'tests/e2e/health.spec.ts', test: 'ready turns 503 when the database goes away, while live stays 200' },
  ],
  'GET /health/ready': [
    { spec: 'tests/e2e/health.spec.ts', test: 'ready turns 503 when the database goes away, while live stays 200' },
  ],
  'GET /metrics': [
    { spec: 'tests/e2e/metrics.spec.ts', test: 'serves every listed series over HTTP, without signing in' },
  ],
};
