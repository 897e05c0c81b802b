import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, Clock, rateLimited, type AppConfig } from '@roundtable/platform';

/**
 * Sign-in rate limits, kept in PostgreSQL so every API node shares them.
 *
 * - Per account: failed attempts for one identifier *from one address* within the window.
 *   Keying on the address too means someone guessing at a person's account from elsewhere
 *   cannot lock that person out; the lock-out they cause themselves ends with the window.
 * - Per address: failed attempts from one address within the window, which bounds guessing
 *   across many accounts. Successes do not count: a whole clinic signs in from one address
 *   at nine in the morning.
 * Unknown identifiers are counted exactly like known ones.
 */
@Injectable()
export class SignInThrottle {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Throws RATE_LIMITED when either limit is reached. */
  async check(identifier: string, address: string): Promise<void> {
    const windowMs = this.config.LOGIN_RATE_LIMIT_WINDOW_SECONDS * 1000;
    const since = new Date(this.clock.now().getTime() - windowMs);
    const [counts]: { account_failures: string; address_failures: string }[] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE identifier = $1 AND NOT succeeded) AS account_failures,
              count(*) FILTER (WHERE NOT succeeded) AS address_failures
         FROM sign_in_attempt WHERE address = $2 AND at > $3`,
      [identifier, address, since],
    );
    if (
      Number(counts.account_failures) >= this.config.LOGIN_RATE_LIMIT_PER_ACCOUNT ||
      Number(counts.address_failures) >= this.config.LOGIN_RATE_LIMIT_PER_ADDRESS
    ) {
      throw rateLimited(this.config.LOGIN_RATE_LIMIT_WINDOW_SECONDS);
    }
  }

  async record(identifier: string, address: string, succeeded: boolean): Promise<void> {
    const now = this.clock.now();
    await this.dataSource.query(
      'INSERT INTO sign_in_attempt (identifier, address, succeeded, at) VALUES ($1, $2, $3, $4)',
      [identifier, address, succeeded, now],
    );
    // Attempts older than a day no longer matter to any window; keep the table small.
    await this.dataSource.query('DELETE FROM sign_in_attempt WHERE at < $1', [new Date(now.getTime() - 86_400_000)]);
  }
}
