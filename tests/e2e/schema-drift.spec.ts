import { readFileSync } from 'node:fs';
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

  it('has no failure, overdue or compliance vocabulary anywhere in the API', () => {
    const sdl = readFileSync(SCHEMA_FILE, 'utf8');
    expect(sdl).not.toMatch(/\b(FAILED|OVERDUE|NON_?COMPLIANT|RESISTANT|DAYS_CLEAN|RELAPSE)\b/i);
  });
});
