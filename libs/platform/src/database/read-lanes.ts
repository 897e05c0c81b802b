import type { Socket } from 'node:net';
import { Client, type ClientConfig, type QueryConfig, type QueryResult, type QueryResultRow } from 'pg';

/** One pipelined connection and how many statements it has not answered yet. */
interface Lane {
  client: Client;
  ready: Promise<void>;
  /** Once `ready` has resolved: a read is then handed to pg in the same turn it was asked for. */
  connected: boolean;
  inFlight: number;
  open: boolean;
  /** Whether its writes are held until the current turn of the event loop ends. */
  corked: boolean;
}

/** pg keeps the socket it writes to as `connection.stream`; the typings do not show it. */
function socketOf(client: Client): Socket {
  return (client as unknown as { connection: { stream: Socket } }).connection.stream;
}

/**
 * Errors after which a lane's own record of its prepared statements may be wrong (a statement
 * it believes prepared is not, or the reverse), or that PostgreSQL did not send at all (the
 * driver failed to write a statement): the lane is retired rather than trusted again.
 */
function leavesLaneInDoubt(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code !== 'string' || code === '26000' || code === '42P05';
}

/** How long `end` lets statements in flight finish before it closes the sockets under them. */
const END_GRACE_MS = 5_000;

/**
 * A few pipelined, read-only connections that every request's hot reads share (issue 18).
 *
 * A pooled connection answers one statement at a time: each read waited for a connection of
 * its own, was written to the socket alone, and woke a sleeping PostgreSQL backend. Here a
 * read is written at once behind those already sent (pg's pipeline mode), and the reads of
 * one turn of the event loop leave in one write, so a busy backend finds the next statement
 * waiting instead of sleeping. Measured on the bench's reads: PostgreSQL's CPU per request
 * fell by a quarter to a third, and the API's socket writes with it.
 *
 * Statements queue behind one another on a lane, so one that waits holds up the rest. So the
 * connections are read-only (`default_transaction_read_only`: PostgreSQL refuses a write or a
 * row lock sent here, which could wait on another transaction, or on a read queued behind it,
 * a deadlock PostgreSQL could not see), and the caller gives them a short `lock_timeout` (a
 * plain SELECT still waits for a table lock, e.g. a migration's ALTER TABLE) and a
 * `statement_timeout`, and reruns on its pool what timed out waiting for a lock.
 *
 * Each statement is its own extended-query exchange ending in Sync, so one that fails (bad
 * input, a timeout) fails alone. A lane whose connection breaks fails what it had in flight
 * and is dropped; one left in doubt (`leavesLaneInDoubt`) is retired; the next read opens a
 * new one.
 */
export class ReadLanes {
  private readonly lanes: Lane[] = [];
  private ended = false;

  constructor(
    private readonly config: ClientConfig,
    private readonly size: number,
    private readonly onClosedWhileIdle: (error: Error) => void,
  ) {}

  async query<R extends QueryResultRow>(config: QueryConfig): Promise<QueryResult<R>> {
    if (this.ended) throw new Error('The read connections were closed');
    const lane = this.pick();
    lane.inFlight += 1;
    try {
      if (!lane.connected) await lane.ready;
      this.holdWritesThisTurn(lane);
      return await lane.client.query<R>(config);
    } catch (error) {
      if (leavesLaneInDoubt(error)) this.retire(lane);
      throw error;
    } finally {
      lane.inFlight -= 1;
    }
  }

  /** Open lanes, those with statements outstanding, and the statements outstanding (for the gauges). */
  counts(): { open: number; busy: number; statements: number } {
    let busy = 0;
    let statements = 0;
    for (const lane of this.lanes) {
      if (lane.inFlight > 0) busy += 1;
      statements += lane.inFlight;
    }
    return { open: this.lanes.length, busy, statements };
  }

  /** Lets the statements in flight finish (for a few seconds at most), then closes every lane. */
  async end(): Promise<void> {
    this.ended = true;
    await Promise.all(
      this.lanes.splice(0).map(async (lane) => {
        let grace: NodeJS.Timeout | undefined;
        const ended = lane.client.end().catch(() => undefined);
        const overdue = new Promise<void>((resolve) => {
          grace = setTimeout(resolve, END_GRACE_MS);
          grace.unref();
        });
        await Promise.race([ended, overdue]);
        clearTimeout(grace);
        this.drop(lane);
      }),
    );
  }

  /** An idle lane, else a new one while fewer than `size` are open, else the least busy. */
  private pick(): Lane {
    let best: Lane | undefined;
    for (const lane of this.lanes) if (!best || lane.inFlight < best.inFlight) best = lane;
    if (best && (best.inFlight === 0 || this.lanes.length >= this.size)) return best;
    return this.open();
  }

  private open(): Lane {
    const client = new Client({ ...this.config, pipeline: true } as ClientConfig);
    const lane: Lane = { client, ready: Promise.resolve(), connected: false, inFlight: 0, open: true, corked: false };
    client.on('error', (error: Error) => {
      // With statements in flight, they fail with the error themselves; an idle drop is only logged.
      if (lane.open && lane.inFlight === 0) this.onClosedWhileIdle(error);
      this.drop(lane);
    });
    lane.ready = new Promise<void>((resolve, reject) => {
      // A lane closed while still connecting (`end`, a broken socket) must not leave reads waiting.
      client.once('end', () => reject(new Error('The database connection closed')));
      client.connect().then(() => {
        lane.connected = true;
        resolve();
      }, reject);
    });
    lane.ready.catch(() => this.drop(lane));
    client.once('end', () => this.drop(lane));
    this.lanes.push(lane);
    return lane;
  }

  /** Takes a lane out of use: no statement is sent on it again. */
  private retire(lane: Lane): void {
    if (!lane.open) return;
    lane.open = false;
    const index = this.lanes.indexOf(lane);
    if (index >= 0) this.lanes.splice(index, 1);
    // The statements already sent on it are answered before it closes (pg's pipelined end).
    lane.client.end().catch(() => undefined);
  }

  /** Takes a broken lane out of use and closes its socket (an error may have left it open). */
  private drop(lane: Lane): void {
    lane.open = false;
    const index = this.lanes.indexOf(lane);
    if (index >= 0) this.lanes.splice(index, 1);
    socketOf(lane.client).destroy();
  }

  /** Statements sent in this turn of the event loop leave in one socket write, at its end. */
  private holdWritesThisTurn(lane: Lane): void {
    if (lane.corked) return;
    const socket = socketOf(lane.client);
    lane.corked = true;
    socket.cork();
    setImmediate(() => {
      lane.corked = false;
      socket.uncork();
    });
  }
}
