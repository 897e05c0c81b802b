import { createServer } from 'node:net';

/** One port the OS says is free on 127.0.0.1 right now (it may hand the same one out again). */
export type PortProbe = () => Promise<number>;

/**
 * A free TCP port on 127.0.0.1 that is not one of `avoid`.
 *
 * The OS only promises a port is free at the moment it is asked; a port another part of the
 * same start is about to listen on (the API's PORT, picked the same way by a caller) is free
 * too until then, and once came back here: the embedded PostgreSQL took it and the API could
 * not listen (EADDRINUSE). So ports the caller already means to use are passed in and skipped.
 */
export async function freePort(avoid: readonly number[] = [], probe: PortProbe = askTheOs): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const port = await probe();
    if (!avoid.includes(port)) return port;
  }
  throw new Error(`No free port on 127.0.0.1 other than ${avoid.join(', ')}`);
}

function askTheOs(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
