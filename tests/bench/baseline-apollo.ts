/**
 * The bare Apollo baseline (its own process): Apollo Server 5 standalone over the API's own
 * published schema (schema/schema.graphql), answering from memory with the exact data the
 * API returned for the same queries. No database, no authentication, no audit.
 */
import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSchema } from 'graphql';

process.once('message', (message: { schemaFile: string; rootValue: Record<string, unknown> }) => {
  const start = async () => {
    const schema = buildSchema(readFileSync(message.schemaFile, 'utf8'));
    const root = message.rootValue;
    const server = new ApolloServer({ schema, rootValue: root });
    const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
    process.send!({ type: 'ready', url: url.replace(/\/$/, '') });
  };
  start().catch((error: unknown) => process.send!({ type: 'error', error: String(error) }));
});
process.on('SIGTERM', () => process.exit(0));
