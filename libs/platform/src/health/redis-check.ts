import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createClient } from 'redis';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';

const PING_TIMEOUT_MS = 1000;

/**
 * Whether Redis answers, when REDIS_URL is set: with more than one node, realtime delivery
 * between nodes goes through it, so a node that cannot reach it is not ready. Its own
 * connection, so a readiness probe never queues behind socket.io's adapter traffic.
 */
@Injectable()
export class RedisCheck implements OnApplicationShutdown {
  private client?: ReturnType<typeof createClient>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get configured(): boolean {
    return this.config.REDIS_URL !== undefined;
  }

  async reachable(): Promise<boolean> {
    if (!this.config.REDIS_URL) return true;
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), PING_TIMEOUT_MS);
      });
      const client = this.connection();
      if (!client.isOpen) await Promise.race([client.connect(), timeout]);
      if ((await Promise.race([client.ping(), timeout])) === 'PONG') return true;
      this.discard();
      return false;
    } catch {
      // A connection that failed (cut off, mid-reconnect) is thrown away: the next probe
      // dials afresh instead of waiting on a client stuck in its own reconnect loop.
      this.discard();
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  private discard(): void {
    const client = this.client;
    this.client = undefined;
    if (client?.isOpen) client.destroy();
  }

  private connection(): ReturnType<typeof createClient> {
    if (!this.client) {
      this.client = createClient({
        url: this.config.REDIS_URL,
        disableOfflineQueue: true,
        // No reconnect loop of its own: a failed probe discards the client (see discard).
        socket: { connectTimeout: PING_TIMEOUT_MS, reconnectStrategy: false },
      });
      // Errors surface as a failed probe; an unhandled 'error' event would end the process.
      this.client.on('error', () => undefined);
    }
    return this.client;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.client?.isOpen) await this.client.quit().catch(() => undefined);
    else this.client?.destroy();
  }
}
