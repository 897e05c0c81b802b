import type { INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import type { NextFunction, Request, Response } from 'express';

/** Counts HTTP requests being answered, so a stopping server can let them finish. */
export class InFlightRequests {
  private count = 0;
  private draining = false;
  private idleWaiters: (() => void)[] = [];

  install(app: INestApplication): void {
    app.use((_request: Request, response: Response, next: NextFunction) => {
      this.count++;
      // While draining, answer on this connection and then close it, so keep-alive
      // clients reconnect to another node instead of sending more here.
      if (this.draining) response.setHeader('connection', 'close');
      response.once('close', () => {
        this.count--;
        if (this.count === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
      });
      next();
    });
  }

  get current(): number {
    return this.count;
  }

  /**
   * Stops accepting connections and waits for the requests already received to be answered
   * (at most `timeoutMs`). Idle keep-alive connections are closed at once.
   */
  async drain(server: Server, timeoutMs: number): Promise<boolean> {
    this.draining = true;
    server.close();
    server.closeIdleConnections();
    if (this.count === 0) return true;
    let timer: NodeJS.Timeout | undefined;
    const finished = await Promise.race([
      new Promise<boolean>((resolve) => this.idleWaiters.push(() => resolve(true))),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))),
    ]);
    clearTimeout(timer);
    server.closeIdleConnections();
    return finished;
  }
}
