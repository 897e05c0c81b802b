import type { Writable } from 'node:stream';
import { Client, type ClientConfig, type QueryConfig, type QueryResult, type QueryResultRow } from 'pg';

/** One pipelined connection and how many statements it has not answered yet. */
interface Lane {
  client: Client;
  ready: Promise<void>;
  inFlight: number;
  open: boolean;
  /** Whether its writes are held until the current turn of the event loop ends. */
  corked: boolean;
}

/** pg keeps the socket it writes to as `connection.stream`; the typings do not show it. */
function socketOf(client: Client): Writable {
  return (client as unknown as { connection: { stream: Writable } }).connection.stream;
}

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
 * Read-only by construction: the connections start with `default_transaction_read_only`, so
 * PostgreSQL itself refuses a write or a row lock (`FOR UPDATE`/`FOR SHARE`) sent here. That
 * matters because statements queue behind one another on a lane: one waiting on a lock held
 * by a transaction that is itself waiting on a read queued behind it would never finish, and
 * PostgreSQL could not see that deadlock. A plain SELECT never waits on a row lock.
 *
 * Each statement is its own extended-query exchange ending in Sync, so one that fails
 * (bad input, a cancelled plan) fails alone. A lane whose connection breaks fails what it
 * had in flight, is dropped, and the next read opens a new one.
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
      await lane.ready;
      this.holdWritesThisTurn(lane);
      return await lane.client.query<R>(config);
    } finally {
      lane.inFlight -= 1;
    }
  }

  /** Open lanes and the statements they have not answered yet (for the connections gauge). */
  counts(): { open: number; busy: number } {
    return { open: this.lanes.length, busy: this.lanes.filter((lane) => lane.inFlight > 0).length };
  }

  async end(): Promise<void> {
    this.ended = true;
    await Promise.all(this.lanes.splice(0).map((lane) => lane.client.end().catch(() => undefined)));
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
    const lane: Lane = { client, ready: Promise.resolve(), inFlight: 0, open: true, corked: false };
    const drop = (error?: Error): void => {
      if (!lane.open) return;
      lane.open = false;
      const index = this.lanes.indexOf(lane);
      if (index >= 0) this.lanes.splice(index, 1);
      // With statements in flight, they fail with the error themselves; an idle drop is only logged.
      if (error && lane.inFlight === 0) this.onClosedWhileIdle(error);
    };
    client.on('error', drop);
    client.on('end', () => drop());
    lane.ready = client.connect().then(
      () => undefined,
      (error: Error) => {
        drop();
        throw error;
      },
    );
    this.lanes.push(lane);
    return lane;
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
