import { randomUUID } from 'node:crypto';
import { createClient, type RedisClientType } from 'redis';
import { withLosslessStreamReads } from '@roundtable/realtime';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * The gap in the Redis Streams adapter's reads (libs/realtime/src/lossless-stream-reads.ts):
 * a message added while no read is waiting is lost to a read from `$`. These tests add the
 * message first and then read, which is exactly what a busy node does between two reads.
 */
describe('reads of the nodes’ Redis stream lose nothing between two reads', () => {
  let client: RedisClientType;
  let stream: string;
  beforeAll(async () => {
    client = createClient({ url: REDIS_URL }) as RedisClientType;
    await client.connect();
  });
  beforeEach(() => {
    stream = `roundtable:test:${randomUUID()}`;
  });
  afterEach(() => client.del(stream));
  afterAll(() => client.quit());

  const readFromDollar = async (reader: RedisClientType) => {
    const answer = await reader.xRead([{ key: stream, id: '$' }], { BLOCK: 200, COUNT: 100 });
    return (answer as { messages: { message: Record<string, string> }[] }[] | null)?.[0]?.messages.map(
      (entry) => entry.message.n,
    );
  };

  it('a plain read from $ misses what was added before it (the gap this closes)', async () => {
    await client.xAdd(stream, '*', { n: 'old' });
    const reader = client.duplicate();
    await reader.connect();
    await client.xAdd(stream, '*', { n: 'in the gap' });
    expect(await readFromDollar(reader)).toBeUndefined();
    await reader.quit();
  });

  it('the wrapped reader reads what was added after start and between reads, once each', async () => {
    await client.xAdd(stream, '*', { n: 'before start' });
    const wrapped = await withLosslessStreamReads(client, stream);
    const reader = wrapped.duplicate();
    await reader.connect();
    await client.xAdd(stream, '*', { n: 'before the first read' });
    expect(await readFromDollar(reader)).toEqual(['before the first read']);
    expect(await readFromDollar(reader)).toBeUndefined();
    await client.xAdd(stream, '*', { n: 'a' });
    await client.xAdd(stream, '*', { n: 'b' });
    expect(await readFromDollar(reader)).toEqual(['a', 'b']);
    await reader.quit();
  });
});
