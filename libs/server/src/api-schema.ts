import type { INestApplication } from '@nestjs/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { printSchema } from 'graphql';

export const SCHEMA_FILE = 'schema/schema.graphql';

const HEADER = '# Emitted from the code-first schema by `npm run schema:emit`. Do not edit by hand.\n\n';

/** The SDL of the running app's GraphQL schema, as committed in schema/schema.graphql. */
export function printApiSchema(app: INestApplication): string {
  return `${HEADER}${printSchema(app.get(GraphQLSchemaHost).schema)}\n`;
}
