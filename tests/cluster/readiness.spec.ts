import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { startTestApp, type TestApp } from '@roundtable/testing';

const REDIS_URL = process.env.REDIS_URL;
if (!REDIS_URL) throw new Error('The cluster tests need REDIS_URL (e.g. redis://127.0.0.1:6379)');
const redis = new URL(REDIS_URL);

/** A TCP relay to the real Redis that the test can cut, as a network partition would. */
class Relay {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  port = 0;

  async open(port = 0): Promise<void> {
    this.server = createServer((client) => {
      const upstream = createConnection(Number(redis.port || 6379), redis.hostname);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server!.address() as { port: number }).port;
  }

  async cut(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}

describe('readiness covers Redis when REDIS_URL is set', () => {
  const relay = new Relay();
  let t: TestApp;
  beforeAll(async () => {
    await relay.open();
    t = await startTestApp({ env: { REDIS_URL: `redis://127.0.0.1:${relay.port}` } });
  });
  afterAll(async () => {
    await t.close();
    await relay.cut();
  });

  const ready = async () => {
    const response = await fetch(`${t.url}/health/ready`);
    return { status: response.status, body: (await response.json()) as unknown };
  };

  it('is ready while PostgreSQL and Redis answer, unready while Redis is cut off, ready again after', async () => {
    expect(await ready()).toEqual({ status: 200, body: { status: 'ok', checks: { database: 'up', redis: 'up' } } });

    const port = relay.port;
    await relay.cut();
    expect(await ready()).toEqual({
      status: 503,
      body: { status: 'unavailable', checks: { database: 'up', redis: 'down' } },
    });
    expect((await fetch(`${t.url}/health/live`)).status).toBe(200);

    await relay.open(port);
    // The client reconnects on its own back-off (at most 2 s); each probe waits at most 1 s.
    let last = await ready();
    for (let attempt = 0; attempt < 30 && last.status !== 200; attempt++) last = await ready();
    expect(last).toEqual({ status: 200, body: { status: 'ok', checks: { database: 'up', redis: 'up' } } });
  });
});
