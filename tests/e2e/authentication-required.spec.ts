import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import { readFileSync } from 'node:fs';
import { errorCode, startTestApp, type TestApp } from '@roundtable/testing';

/** The deliberate opt-outs. Adding a public operation means adding it here, on purpose. */
const PUBLIC_OPERATIONS = new Set([
  'serverInfo',
  'login',
  'refresh',
  'acceptStaffInvitation',
  'completeSignInSetup',
  'resetPassphraseWithRecoveryCode',
]);

/** A literal of the argument's type, valid enough to get past GraphQL validation. */
function literal(type: GraphQLInputType): string {
  if (isNonNullType(type)) return literal(type.ofType);
  if (isListType(type)) return `[${literal(type.ofType)}]`;
  if (isEnumType(type)) return type.getValues()[0].name;
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter((f) => isNonNullType(f.type));
    return `{ ${fields.map((f) => `${f.name}: ${literal(f.type)}`).join(', ')} }`;
  }
  const scalars: Record<string, string> = {
    ID: '"00000000-0000-4000-8000-000000000000"',
    String: '"x"',
    Int: '0',
    Float: '0',
    Boolean: 'false',
    DateTime: '"2026-01-01T00:00:00.000Z"',
  };
  if (isScalarType(type) && scalars[type.name]) return scalars[type.name];
  throw new Error(`no literal for ${String(type)}`);
}

function operationFor(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): string {
  const args = field.args.filter((arg) => isNonNullType(arg.type));
  const argText = args.length ? `(${args.map((arg) => `${arg.name}: ${literal(arg.type)}`).join(', ')})` : '';
  const selection = isObjectType(getNamedType(field.type)) ? ' { __typename }' : '';
  return `${kind} { ${field.name}${argText}${selection} }`;
}

describe('every operation needs a signed-in account unless deliberately public', () => {
  let t: TestApp;
  const schema = buildSchema(readFileSync('schema/schema.graphql', 'utf8'));
  const operations = [
    ...Object.values(schema.getQueryType()!.getFields()).map((f) => ['query', f] as const),
    ...Object.values(schema.getMutationType()!.getFields()).map((f) => ['mutation', f] as const),
  ];

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('covers the whole schema', () => {
    expect(operations.length).toBeGreaterThan(15);
    for (const name of PUBLIC_OPERATIONS) expect(operations.some(([, f]) => f.name === name)).toBe(true);
  });

  it.each(operations.filter(([, f]) => !PUBLIC_OPERATIONS.has(f.name)).map(([kind, f]) => [f.name, kind, f] as const))(
    '%s refuses an anonymous caller with UNAUTHENTICATED',
    async (_name, kind, field) => {
      const response = await t.gql.request(operationFor(kind, field));
      expect(errorCode(response)).toBe('UNAUTHENTICATED');
      expect(response.data ?? null).toBeNull();
    },
  );
});
