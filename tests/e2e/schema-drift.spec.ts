import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { printApiSchema, SCHEMA_FILE } from '@roundtable/server';
import { startTestApp, type TestApp } from '@roundtable/testing';

describe('schema/schema.graphql', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('is exactly what the code emits (run `npm run schema:emit` after changing the API)', () => {
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    expect(printApiSchema(t.app)).toBe(committed);
  });

  it('has no failure, overdue or compliance states: no type, field, argument or enum value names one', () => {
    const names: string[] = [];
    const visit = (node: object) => {
      const named = node as { kind?: string; name?: { value: string } };
      if (named.name?.value) names.push(named.name.value);
      for (const value of Object.values(node)) {
        if (Array.isArray(value)) value.forEach((item) => item && typeof item === 'object' && visit(item));
        else if (value && typeof value === 'object' && 'kind' in value) visit(value);
      }
    };
    visit(parse(readFileSync(SCHEMA_FILE, 'utf8')));
    expect(names.length).toBeGreaterThan(50);
    const forbidden = /(fail|overdue|non_?compliant|compliance|resistant|days_?clean|relapse|discharge|graduat)/i;
    expect(names.filter((name) => forbidden.test(name))).toEqual([]);
  });
});
