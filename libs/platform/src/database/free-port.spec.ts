import { createServer } from 'node:net';
import { freePort } from './free-port';

describe('freePort', () => {
  it('skips a port the caller will listen on, even when the OS offers it first', async () => {
    // The OS handed the API's chosen port to the embedded PostgreSQL once (EADDRINUSE at start).
    const offered = [38567, 38567, 41000];
    const port = await freePort([38567], async () => offered.shift() ?? 0);
    expect(port).toBe(41000);
  });

  it('gives up with a clear error rather than looping for ever', async () => {
    await expect(freePort([5000], async () => 5000)).rejects.toThrow('No free port on 127.0.0.1 other than 5000');
  });

  it('asks the OS by default and the port it returns can be listened on', async () => {
    const port = await freePort();
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    expect(server.address()).toMatchObject({ port });
    await new Promise((resolve) => server.close(resolve));
  });
});
