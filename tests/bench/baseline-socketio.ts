/**
 * The bare socket.io baseline (its own process, no database): the same path, transports and
 * buffer limit as the API's gateway, sockets that join a plan room with the same ack, and a
 * POST /edit that emits a message of the same shape and size to that room. A token must be
 * present in the handshake but nothing checks it.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { REALTIME_PATH, type PlanEventMessage } from '@roundtable/contracts';

const http = createServer();
const io = new Server(http, {
  path: REALTIME_PATH,
  serveClient: false,
  transports: ['websocket', 'polling'],
  maxHttpBufferSize: 64 * 1024,
});
io.use((socket, next) => (typeof socket.handshake.auth?.token === 'string' ? next() : next(new Error('no token'))));
io.on('connection', (socket) => {
  socket.on('plan:join', (request: { participantId?: string }, ack: (answer: unknown) => void) => {
    void socket.join(`plan:${request.participantId}:GENERAL`);
    void socket.join(`plan:${request.participantId}`);
    ack({ ok: true, labels: ['GENERAL'], replayed: 0 });
  });
});

const sequences = new Map<string, number>();
const done = new Map<string, boolean>();
http.on('request', (req, res) => {
  if (req.method !== 'POST' || req.url !== '/edit') return;
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const { participantId, itemId } = JSON.parse(Buffer.concat(chunks).toString()) as {
      participantId: string;
      itemId: string;
    };
    const sequence = (sequences.get(participantId) ?? 0) + 1;
    sequences.set(participantId, sequence);
    const nowDone = !done.get(itemId);
    done.set(itemId, nowDone);
    const message: PlanEventMessage = {
      participantId,
      id: randomUUID(),
      type: nowDone ? 'STEP_DONE' : 'STEP_REOPENED',
      label: 'GENERAL' as PlanEventMessage['label'],
      sequence,
      itemId,
      summary: `${nowDone ? 'Marked done' : 'Reopened'}: Step 1 toward: Feel less alone in the evenings`,
      occurredAt: new Date().toISOString(),
    };
    // The same message shape as the API's (a list of the events committed together).
    io.to(`plan:${participantId}:GENERAL`).emit('plan:events', [message]);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: true, id: message.id }));
  });
});

http.listen(0, '127.0.0.1', () => {
  const { port } = http.address() as AddressInfo;
  process.send!({ type: 'ready', url: `http://127.0.0.1:${port}` });
});
process.on('SIGTERM', () => {
  io.close();
  process.exit(0);
});
