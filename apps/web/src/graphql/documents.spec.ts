import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, Kind, print, validate, type DocumentNode } from 'graphql';
import * as documents from './documents';

/** The client's documents must still be valid against the committed schema (no drift). */
describe('web client GraphQL documents', () => {
  const schema = buildSchema(readFileSync(join(__dirname, '../../../../schema/schema.graphql'), 'utf8'));
  const operations = Object.entries(documents).filter(([, document]) =>
    (document as DocumentNode).definitions.some((definition) => definition.kind === Kind.OPERATION_DEFINITION),
  );

  it('has operations to check', () => {
    expect(operations.length).toBeGreaterThan(20);
  });

  it.each(operations)('%s validates against schema/schema.graphql', (_name, document) => {
    const errors = validate(schema, document as DocumentNode).map((error) => error.message);
    expect({ document: print(document as DocumentNode).split('\n')[0], errors }).toEqual({
      document: expect.any(String),
      errors: [],
    });
  });
});
