import { randomUUID } from 'node:crypto';
import {
  demoApiProcess,
  errorCode,
  GraphQLTestClient,
  signInDemo,
  startTestApp,
  waitFor,
  type SignedIn,
  type TestApp,
} from '@roundtable/testing';

/** Introspection: just enough to build a well-typed value for every argument. */
interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}
interface InputValue {
  name: string;
  type: TypeRef;
}
interface FullType {
  kind: string;
  name: string;
  fields: { name: string; args: InputValue[]; type: TypeRef }[] | null;
  inputFields: InputValue[] | null;
  enumValues: { name: string }[] | null;
}

const TYPE_REF = 'kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } }';
const INTROSPECT = `{ __schema { mutationType { name } queryType { name } types {
  kind name enumValues { name } inputFields { name type { ${TYPE_REF} } }
  fields { name type { ${TYPE_REF} } args { name type { ${TYPE_REF} } } } } } }`;

function typeName(ref: TypeRef): string {
  if (ref.kind === 'NON_NULL') return `${typeName(ref.ofType!)}!`;
  if (ref.kind === 'LIST') return `[${typeName(ref.ofType!)}]`;
  return ref.name!;
}
function named(ref: TypeRef): TypeRef {
  return ref.ofType ? named(ref.ofType) : ref;
}

/** The bad values issue 13 found reaching a 500, each of which must answer BAD_USER_INPUT. */
const BAD_TEXT: [string, string][] = [
  ['NUL', 'Walk\u0000the dog'],
  ['a lone surrogate', 'Walk \uD800 the dog'],
  ['whitespace only', ' \t\n\u00a0 '],
];

/**
 * Every String argument of every operation, at any depth of its input types, generated from
 * the live schema: an input type added later is covered without editing this test.
 */
function textTargets(types: Map<string, FullType>, rootName: string) {
  const targets: { operation: string; path: string; document: string; variables: Record<string, unknown> }[] = [];
  const root = types.get(rootName)!;
  const sample = (ref: TypeRef, target: string[] | null, bad: string): unknown => {
    if (ref.kind === 'NON_NULL') return sample(ref.ofType!, target, bad);
    if (ref.kind === 'LIST') return [sample(ref.ofType!, target, bad)];
    const type = types.get(ref.name!)!;
    if (type.kind === 'ENUM') return type.enumValues![0].name;
    if (type.kind === 'INPUT_OBJECT') {
      const value: Record<string, unknown> = {};
      for (const field of type.inputFields!) {
        const onPath = target?.[0] === field.name;
        if (field.type.kind !== 'NON_NULL' && !onPath) continue;
        value[field.name] = sample(field.type, onPath ? target!.slice(1) : null, bad);
      }
      return value;
    }
    if (type.name === 'String') return target && target.length === 0 ? bad : 'Plain words';
    if (type.name === 'ID') return randomUUID();
    if (type.name === 'Int' || type.name === 'Float') return 1;
    if (type.name === 'Boolean') return false;
    if (type.name === 'DateTime') return '2026-12-03T10:30:00Z';
    return 'x';
  };
  // Paths to String fields (lists contribute index 0), never through the same input type twice.
  const stringPaths = (ref: TypeRef, seen: Set<string>): string[][] => {
    if (ref.kind === 'LIST') return stringPaths(ref.ofType!, seen).map((path) => ['0', ...path]);
    if (ref.kind === 'NON_NULL') return stringPaths(ref.ofType!, seen);
    const type = types.get(ref.name!)!;
    if (type.name === 'String') return [[]];
    if (type.kind !== 'INPUT_OBJECT' || seen.has(type.name)) return [];
    const inner = new Set(seen).add(type.name);
    return type.inputFields!.flatMap((field) => stringPaths(field.type, inner).map((path) => [field.name, ...path]));
  };
  for (const field of root.fields ?? []) {
    if (field.name.startsWith('__')) continue;
    const returnsObject = ['OBJECT', 'INTERFACE', 'UNION'].includes(types.get(named(field.type).name!)!.kind);
    const declared = field.args.map((arg) => `$${arg.name}: ${typeName(arg.type)}`).join(', ');
    const passed = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
    const keyword = rootName === 'Mutation' ? 'mutation' : 'query';
    const document = `${keyword} Probe${declared ? `(${declared})` : ''} { ${field.name}${passed ? `(${passed})` : ''}${returnsObject ? ' { __typename }' : ''} }`;
    for (const arg of field.args) {
      for (const path of stringPaths(arg.type, new Set())) {
        // The list index is where the value sits, not part of the input type's own path.
        const fieldPath = [arg.name, ...path].join('.');
        for (const [, bad] of BAD_TEXT) {
          const variables: Record<string, unknown> = {};
          for (const other of field.args) {
            if (other.type.kind !== 'NON_NULL' && other !== arg) continue;
            variables[other.name] = sample(other.type, other === arg ? path.filter((part) => part !== '0') : null, bad);
          }
          targets.push({ operation: field.name, path: fieldPath, document, variables });
        }
      }
    }
  }
  return targets;
}

describe('issue 13, finding 13: bad input answers BAD_USER_INPUT or a 400, never a 500', () => {
  let t: TestApp;
  let as: Record<string, SignedIn>;
  let types: Map<string, FullType>;

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true });
    as = await signInDemo(t.gql, ['cm', 'sam']);
    const schema = await t.gql.data<{ __schema: { types: FullType[] } }>(INTROSPECT);
    types = new Map(schema.__schema.types.map((type) => [type.name, type]));
  });
  afterAll(() => t.close());

  it.each([
    ['Mutation', 'cm'],
    ['Mutation', 'sam'],
    ['Query', 'cm'],
  ])(
    'every String field of every %s argument refuses NUL, lone surrogates and blank text, naming the field (as %s)',
    async (root, who) => {
      const targets = textTargets(types, root);
      expect(targets.length).toBeGreaterThan(root === 'Mutation' ? 150 : 3);
      // The mutations issue 13 named must be among those generated.
      if (root === 'Mutation') {
        const operations = new Set(targets.map((target) => target.operation));
        for (const name of [
          'proposeWin',
          'addStep',
          'makeOffer',
          'recordSetback',
          'updateVision',
          'createParticipant',
          'expressGoal',
          'addConferenceNote',
          'recordPerspective',
        ])
          expect(operations).toContain(name);
      }
      const failures: string[] = [];
      for (const target of targets) {
        const response = await t.gql.request(target.document, target.variables, { token: as[who].accessToken });
        const error = response.errors?.[0];
        if (
          response.status !== 200 ||
          error?.extensions?.code !== 'BAD_USER_INPUT' ||
          error.extensions.field !== target.path
        ) {
          failures.push(
            `${target.operation} ${target.path} ${JSON.stringify(target.variables)}: ${response.status} ${JSON.stringify(response.errors)}`,
          );
        }
      }
      expect(failures).toEqual([]);
    },
  );

  it('a cursor dated -271821, or one that is not a cursor at all, answers BAD_USER_INPUT', async () => {
    const cursor = (at: unknown) => Buffer.from(JSON.stringify([at, randomUUID()])).toString('base64url');
    const TIMELINE =
      'query T($id: ID!, $after: String) { timeline(participantId: $id, after: $after) { edges { cursor } } }';
    for (const after of [
      cursor('-271821-04-20T00:00:00.000Z'),
      cursor('+275760-09-13T00:00:00.000Z'),
      cursor(12),
      'not-a-cursor',
      cursor('0000-12-31T23:59:59Z'),
    ]) {
      const response = await t.gql.request(
        TIMELINE,
        { id: as.sam.account.participantId, after },
        { token: as.sam.accessToken },
      );
      expect(response.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
    }
  });

  it('`subscription { x }` is a 400 validation error', async () => {
    const response = await t.gql.request('subscription { x }', {}, { token: as.cm.accessToken });
    expect(response.status).toBe(400);
    expect(errorCode(response)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.errors![0].message).toMatch(/no subscription operations/);
  });

  it('a persisted query whose hash does not match its text is a clear 400, not a 500', async () => {
    const response = await t.gql.post(
      JSON.stringify({
        query: '{ serverInfo { version } }',
        extensions: { persistedQuery: { version: 1, sha256Hash: 'bad' } },
      }),
    );
    expect(response.status).toBe(400);
    expect(errorCode(response)).toBe('BAD_REQUEST');
    expect(response.errors![0].message).toMatch(/sha/i);
    const unsupported = await t.gql.post(
      JSON.stringify({ extensions: { persistedQuery: { version: 2, sha256Hash: 'a'.repeat(64) } } }),
    );
    expect(unsupported.status).toBe(400);
    expect(errorCode(unsupported)).toBe('BAD_REQUEST');
  });
});

describe('issue 13: every limit answers HTTP 400 (413 for the body) with its own code', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      env: {
        GRAPHQL_MAX_DEPTH: '6',
        GRAPHQL_MAX_COMPLEXITY: '40',
        GRAPHQL_MAX_ALIASES: '20',
        BODY_LIMIT_BYTES: '4096',
      },
    });
  });
  afterAll(() => t.close());

  const aliased = (count: number) =>
    `{ ${Array.from({ length: count }, (_, i) => `a${i}: serverInfo { version }`).join(' ')} }`;

  it('too complex: 400 QUERY_TOO_COMPLEX', async () => {
    const response = await t.gql.request(
      `{ ${Array.from({ length: 15 }, (_, i) => `a${i}: serverInfo { version time }`).join(' ')} x: serverInfo { version } }`,
    );
    expect(response.status).toBe(400);
    expect(response.errors![0].extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 40 });
    expect(response.errors![0].message).toMatch(/too complex/);
  });

  it('too deep: 400 QUERY_TOO_DEEP', async () => {
    // Not introspection alone (that gets the standard introspection query's allowance).
    const response = await t.gql.request(
      '{ serverInfo { version } __schema { types { fields { type { ofType { ofType { name } } } } } } }',
    );
    expect(response.status).toBe(400);
    expect(response.errors![0].extensions).toEqual({ code: 'QUERY_TOO_DEEP', limit: 6 });
  });

  it('too many aliases: 400 TOO_MANY_ALIASES; at the limit it answers', async () => {
    expect(await t.gql.data(aliased(20))).toBeTruthy();
    const response = await t.gql.request(aliased(21));
    expect(response.status).toBe(400);
    expect(response.errors![0].extensions).toEqual({ code: 'TOO_MANY_ALIASES', limit: 20 });
  });

  it('too large a body: 413 PAYLOAD_TOO_LARGE', async () => {
    const response = await t.gql.post(
      JSON.stringify({ query: '{ serverInfo { version } }', padding: 'x'.repeat(5000) }),
    );
    expect(response.status).toBe(413);
    expect(errorCode(response)).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('issue 13: client errors are logged at info/warn, only server faults at error', () => {
  const started = demoApiProcess({ LOG_LEVEL: 'info' });

  it('NOT_FOUND, CONFLICT, BAD_USER_INPUT, a wrong password, FORBIDDEN and UNAUTHENTICATED never log at error', async () => {
    const { api } = started;
    const gql = new GraphQLTestClient(api.url);
    const LOGIN = 'mutation L($i: String!, $p: String!) { login(identifier: $i, password: $p) { accessToken } }';
    const wrong = await gql.request(LOGIN, { i: 'cm@demo.test', p: 'not the password' });
    expect(errorCode(wrong)).toBe('UNAUTHENTICATED');
    const sam = await signInDemo(gql, ['sam', 'admin']);
    const participantId = sam.sam.account.participantId!;
    const token = { token: sam.sam.accessToken };
    const codes = [
      errorCode(
        await gql.request('query P($id: ID!) { plan(participantId: $id) { version } }', { id: randomUUID() }, token),
      ),
      errorCode(
        await gql.request(
          'mutation V($input: UpdateVisionInput!) { updateVision(input: $input) { version } }',
          { input: { participantId, text: 'Stay housed', expectedVersion: 999 } },
          token,
        ),
      ),
      errorCode(
        await gql.request(
          'mutation V($input: UpdateVisionInput!) { updateVision(input: $input) { version } }',
          { input: { participantId, text: 'x\u0000', expectedVersion: 1 } },
          token,
        ),
      ),
      errorCode(
        await gql.request(
          'query P($id: ID!) { plan(participantId: $id) { version } }',
          { id: participantId },
          {
            token: sam.admin.accessToken,
          },
        ),
      ),
      errorCode(await gql.request('query P($id: ID!) { plan(participantId: $id) { version } }', { id: participantId })),
    ];
    expect(codes).toEqual([
      'NOT_FOUND',
      'CONFLICT',
      'BAD_USER_INPUT',
      expect.stringMatching(/FORBIDDEN|NOT_FOUND/),
      'UNAUTHENTICATED',
    ]);
    // The process logs asynchronously, in order: a final request whose own access line (its
    // URL carries a mark) says every line before it has been written.
    const mark = `logged-${randomUUID()}`;
    const last = await fetch(`${api.url}/graphql?${mark}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ serverInfo { version } }' }),
    });
    expect(last.status).toBe(200);
    await waitFor(() => api.stdoutLines().some((line) => line.includes(mark)), 10_000);
    const entries = api
      .stdoutLines()
      .map((line) => {
        try {
          return JSON.parse(line) as { level: number; msg?: string; code?: string };
        } catch {
          return null;
        }
      })
      .filter((entry): entry is { level: number; msg?: string; code?: string } => entry !== null);
    expect(entries.filter((entry) => entry.level >= 50)).toEqual([]);
    const refused = entries.filter((entry) => entry.msg === 'GraphQL request refused');
    expect(refused.map((entry) => entry.code).sort()).toEqual(
      expect.arrayContaining(['BAD_USER_INPUT', 'CONFLICT', 'NOT_FOUND', 'UNAUTHENTICATED']),
    );
    expect(refused.every((entry) => entry.level === 30 || entry.level === 40)).toBe(true);
  });
});
