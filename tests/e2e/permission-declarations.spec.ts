import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema } from 'graphql';
import type { Server } from 'socket.io';
import { AUTHORIZATION_RULES, PERMISSIONS, SUBJECT_CATALOGUES, type PermissionDeclaration } from '@roundtable/access';
import { PERMISSION_NAMES, type PermissionName } from '@roundtable/contracts';
import { CLIENT_EVENTS, RealtimeGateway } from '@roundtable/realtime';
import {
  declaredOperations,
  NON_GRAPHQL_TESTS,
  PERMISSIONS_DOC,
  printPermissionsDoc,
  SCHEMA_FILE,
  subjectFile,
  type DeclaredOperation,
} from '@roundtable/server';
import { connectRealtime, signIn, startTestApp, waitFor, type TestApp } from '@roundtable/testing';

/**
 * No operation without a declared permission (issue 15, "Trust II"; ARCHITECTURE.md "Who may
 * do what is one policy too"). Operations are read from the running app's own metadata
 * (every @Query and @Mutation, every controller route, the gateway's events), never from a
 * list this test keeps, so a new one without @Permission fails here by name.
 */
describe('permission declarations', () => {
  let t: TestApp;
  let operations: DeclaredOperation[];
  const describeOperation = (operation: DeclaredOperation) =>
    `${operation.kind} ${operation.name} (${operation.handler})`;
  const isGraphQL = (operation: DeclaredOperation) =>
    operation.kind === 'Query' || operation.kind === 'Mutation' || operation.kind === 'Subscription';
  const declarations = Object.entries(PERMISSIONS) as [PermissionName, PermissionDeclaration][];

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true });
    operations = declaredOperations(t.app);
  }, 120_000);
  afterAll(() => t.close());

  it('finds every kind of operation', () => {
    const kinds = new Set(operations.map((operation) => operation.kind));
    expect([...kinds].sort()).toEqual(['HTTP', 'Mutation', 'Query', 'socket']);
    expect(operations.length).toBeGreaterThan(100);
  });

  it('every GraphQL query and mutation, HTTP route and socket event declares a permission from the catalogue', () => {
    const undeclared = operations.filter((operation) => !operation.permission).map(describeOperation);
    const unknown = operations
      .filter((operation) => operation.permission && !(operation.permission in PERMISSIONS))
      .map((operation) => `${describeOperation(operation)} → ${operation.permission}`);
    expect({ undeclared, unknown }).toEqual({ undeclared: [], unknown: [] });
  });

  it('every operation in schema/schema.graphql is one resolver method with one permission, and nothing else is', () => {
    const schema = buildSchema(readFileSync(SCHEMA_FILE, 'utf8'));
    const inSchema = [
      ...Object.keys(schema.getQueryType()?.getFields() ?? {}).map((name) => `Query ${name}`),
      ...Object.keys(schema.getMutationType()?.getFields() ?? {}).map((name) => `Mutation ${name}`),
    ];
    const implemented = operations.filter(isGraphQL);
    const problems = inSchema.flatMap((operation) => {
      const handlers = implemented.filter((found) => `${found.kind} ${found.name}` === operation);
      if (handlers.length !== 1) return [`${operation}: ${handlers.length} resolver methods`];
      return handlers[0].permission ? [] : [`${operation}: no permission`];
    });
    const extra = implemented.map((found) => `${found.kind} ${found.name}`).filter((name) => !inSchema.includes(name));
    expect({ problems, extra }).toEqual({ problems: [], extra: [] });
    expect(inSchema.length).toBeGreaterThan(100);
  });

  it('the realtime gateway listens for exactly the declared socket events', async () => {
    const { accessToken } = await signIn(t.gql, 'cm@demo.test');
    const client = await connectRealtime(t.url, accessToken);
    try {
      // The gateway's own socket.io server: what a live socket actually listens for.
      const io = t.app.get(RealtimeGateway)['live'].io as Server;
      await waitFor(() => io.of('/').sockets.has(client.id!));
      const listened = io.of('/').sockets.get(client.id!)!.eventNames().map(String);
      const lifecycle = new Set(['disconnect', 'disconnecting', 'error']);
      expect(listened.filter((event) => !lifecycle.has(event)).sort()).toEqual([...CLIENT_EVENTS].sort());
    } finally {
      client.close();
    }
  });

  it('every permission in the catalogue is declared by at least one operation', () => {
    const used = new Set(operations.map((operation) => operation.permission));
    expect(PERMISSION_NAMES.filter((name) => !used.has(name))).toEqual([]);
  });

  it('every permission says who may, cites product rules that exist, and names where it is checked in files that exist', () => {
    const rules = readFileSync('docs/product-rules.md', 'utf8');
    // "1. **The agenda…**", and rule 13, which is not in bold.
    const numbered = new Set(
      [...rules.matchAll(/(?:^|\s)(\d{1,2})\. (?:\*\*|[A-Z])/gm)].map((match) => Number(match[1])),
    );
    expect(numbered.size).toBe(14);
    const problems = declarations.flatMap(([name, declaration]) => {
      const found: string[] = [];
      if (declaration.whoMay.trim().length < 10) found.push(`${name}: say who may`);
      if (declaration.rules.length === 0) found.push(`${name}: cite at least one PRODUCT.md rule`);
      for (const rule of declaration.rules) {
        if (rule !== 'roles' && !numbered.has(rule))
          found.push(`${name}: rule ${rule} is not in docs/product-rules.md`);
      }
      if (declaration.enforcedIn.length === 0) found.push(`${name}: say where it is checked`);
      for (const { file, at } of declaration.enforcedIn) {
        if (!existsSync(file)) {
          found.push(`${name}: ${file} does not exist`);
          continue;
        }
        const text = readFileSync(file, 'utf8');
        for (const part of at.split('.')) if (!text.includes(part)) found.push(`${name}: ${file} has no ${part}`);
      }
      return found;
    });
    expect(problems).toEqual([]);
  });

  it('every permission with a rule in authorize’s table names that rule (each of its stages) where it says it is checked', () => {
    // Issue 15, "Trust II": the catalogue points at the policy method authorize dispatches to,
    // so "where is this decided" has one answer a test keeps true.
    const problems = Object.entries(AUTHORIZATION_RULES).flatMap(([rule, check]) => {
      const permission = rule.split(':')[0];
      const declaration = declarations.find(([name]) => name === permission)?.[1];
      if (!declaration) return []; // a shared rule: no one permission's
      const named = declaration.enforcedIn.some(
        ({ file, at }) => file.startsWith('libs/access/src/policies/') && at.split('.').at(-1) === check.name,
      );
      return named ? [] : [`${permission}: enforcedIn does not name ${check.name} (authorize's rule ${rule})`];
    });
    expect(problems).toEqual([]);
  });

  it('each subject’s permissions are declared once, in the one file named after the subject', () => {
    const subjects = SUBJECT_CATALOGUES.map((catalogue) => {
      const inFile = new Set(Object.values(catalogue).map((declaration) => declaration.subject));
      expect(inFile.size).toBe(1);
      return [...inFile][0];
    });
    expect(new Set(subjects).size).toBe(subjects.length);
    expect(subjects.map(subjectFile).filter((file) => !existsSync(file))).toEqual([]);
    const declaredTimes = SUBJECT_CATALOGUES.reduce((sum, catalogue) => sum + Object.keys(catalogue).length, 0);
    expect(declaredTimes).toBe(PERMISSION_NAMES.length);
  });

  it('every socket event and HTTP route names the tests that prove who may use it, and those tests exist', () => {
    const others = operations.filter((operation) => !isGraphQL(operation)).map((operation) => operation.name);
    const problems = others.flatMap((name) => {
      const references = NON_GRAPHQL_TESTS[name] ?? [];
      if (references.length === 0) return [`${name}: name the spec that covers it`];
      return references
        .filter(({ spec, test }) => !existsSync(spec) || !readFileSync(spec, 'utf8').includes(test))
        .map(({ spec, test }) => `${name}: ${spec} has no test “${test}”`);
    });
    const stale = Object.keys(NON_GRAPHQL_TESTS).filter((name) => !others.includes(name));
    expect({ problems, stale }).toEqual({ problems: [], stale: [] });
  });

  it('every refusal (forbidden) is decided in a policy under libs/access/src/policies, nowhere else in libs', () => {
    // Issue 15 "Trust II: one authorization policy": who may do what is read in one place.
    // The only other mention is the error helper itself. A service that needs a new refusal
    // asks a policy (plain facts in, when libs/access may not import the service's library).
    const allowed = (file: string) =>
      file.startsWith('libs/access/src/policies/') || file === 'libs/platform/src/graphql/app-errors.ts';
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) return sources(path);
        return /\.tsx?$/.test(entry.name) ? [path] : [];
      });
    const libs = readdirSync('libs', { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join('libs', entry.name, 'src')))
      .map((entry) => join('libs', entry.name, 'src'));
    const files = libs.flatMap(sources);
    expect(files.length).toBeGreaterThan(100);
    const outside = files
      .filter((file) => !allowed(file))
      .flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .flatMap((line, index) => (line.includes('forbidden(') ? [`${file}:${index + 1}: ${line.trim()}`] : [])),
      );
    expect(outside).toEqual([]);
    // The policies are where the refusals are: the grep above would pass on an empty tree.
    const inPolicies = files.filter(allowed).filter((file) => readFileSync(file, 'utf8').includes('forbidden('));
    expect(inPolicies.length).toBeGreaterThan(10);
  });

  it('docs/permissions.md is exactly what the code generates (run `npm run docs:permissions` after a change)', () => {
    expect(printPermissionsDoc(operations)).toBe(readFileSync(PERMISSIONS_DOC, 'utf8'));
  });
});
