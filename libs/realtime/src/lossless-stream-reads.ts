import type { RedisClientType } from 'redis';

type StreamRead = { key: string; id: string };
type ReadAnswer = { name: string; messages: { id: string }[] }[] | null;

/**
 * The Redis Streams adapter reads its stream (room broadcasts, `disconnectSockets`: e.g. a
 * sign-out ending sockets on every node) with `XREAD BLOCK … $` until the first message
 * arrives, and a read that times out with nothing keeps `$`: "only what is added after this
 * call". A message another node adds between two such reads, or while this node starts, is
 * never read.
 *
 * This wraps the client the adapter duplicates for its reads: a read from `$` becomes a read
 * from the last id this node has read, starting at the stream's last id when the node
 * started. Every stream message added after start is then read exactly once.
 *
 * Not covered: in this adapter version, server-side messages (`access:changed`,
 * `plan:events`, `presence:changed`) travel over Redis pub/sub, which a node hears only once
 * its subscription is in place; see docs/realtime-revocation.md for what still holds then.
 */
export async function withLosslessStreamReads(client: RedisClientType, streamName: string): Promise<RedisClientType> {
  const newest = await client.xRevRange(streamName, '+', '-', { COUNT: 1 });
  let lastRead = newest?.[0]?.id ?? '0-0';
  const reader = (duplicate: RedisClientType): RedisClientType =>
    bound(duplicate, {
      xRead: async (streams: StreamRead[], options?: object) => {
        const from = streams.map((stream) =>
          stream.key === streamName && stream.id === '$' ? { ...stream, id: lastRead } : stream,
        );
        const answer = (await duplicate.xRead(from, options)) as ReadAnswer;
        const messages = answer?.find((entry) => entry.name === streamName)?.messages ?? [];
        if (messages.length) lastRead = messages[messages.length - 1].id;
        return answer;
      },
    });
  return bound(client, { duplicate: (...args: unknown[]) => reader(client.duplicate(...(args as []))) });
}

/** The client with some methods replaced; every other method runs on the client itself (private fields). */
function bound(target: RedisClientType, overrides: Record<string, unknown>): RedisClientType {
  return new Proxy(target, {
    get(object, property, receiver) {
      if (typeof property === 'string' && property in overrides) return overrides[property];
      const value: unknown = Reflect.get(object, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(object) : value;
    },
  });
}
