import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, Clock, rateLimited, type AppConfig } from '@roundtable/platform';
import { SignInAttemptsRepository } from './sign-in-attempts.repository';

/**
 * Sign-in rate limits, kept in PostgreSQL so every API node shares them.
 *
 * - Per account: failed attempts for one identifier *from one address* within the window.
 *   Keying on the address too means someone guessing at a person's account from elsewhere
 *   cannot lock that person out; the lock-out they cause themselves ends with the window.
 * - Per address: failed attempts from one address within the window, which bounds guessing
 *   across many accounts. Successes do not count: a whole clinic signs in from one address
 *   at nine in the morning.
 * Unknown identifiers are counted exactly like known ones. An attempt still being checked
 * counts as a failure until it succeeds, so guesses sent all at once cannot outrun the
 * limit; the price is that one person signing in more than the per-account limit of times
 * at the same instant from one address is asked to wait (people do not; only tests did).
 */
/** One attempt, counted as a failure until settled as a success. */
export interface SignInAttempt {
  settle(succeeded: boolean): Promise<void>;
}

@Injectable()
export class SignInThrottle {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly attempts: SignInAttemptsRepository,
  ) {}

  /**
   * Takes one attempt, or throws RATE_LIMITED when either limit is reached. The attempt is
   * written as a failure *before* the passphrase is checked and counted with the others, so
   * requests sent at the same moment cannot all slip under the limit while each one's
   * (slow, argon2) check runs: at most the limit's number of checks per window, however the
   * guesses are timed. `settle(true)` marks it a success once the check passes.
   */
  async begin(identifier: string, address: string): Promise<SignInAttempt> {
    return this.take(identifier, address, true);
  }

  /**
   * A guess at a one-time code (a set-up code, a staff invitation): it names no account, so
   * only the per-address limit applies. A per-identifier count would be one counter for
   * everyone redeeming a code from that address, and a few wrong guesses on a clinic's shared
   * network would keep every newcomer there from finishing their set-up.
   */
  beginCodeGuess(kind: string, address: string): Promise<SignInAttempt> {
    return this.take(kind, address, false);
  }

  private async take(identifier: string, address: string, perAccount: boolean): Promise<SignInAttempt> {
    const now = this.clock.now();
    const windowMs = this.config.LOGIN_RATE_LIMIT_WINDOW_SECONDS * 1000;
    const since = new Date(now.getTime() - windowMs);
    const id = await this.attempts.insertFailure(identifier, address, now);
    const counts = await this.attempts.countFailures(identifier, address, since);
    // This attempt is among the counted: over the limit means the limit was already used up.
    if (
      (perAccount && Number(counts.account_failures) > this.config.LOGIN_RATE_LIMIT_PER_ACCOUNT) ||
      Number(counts.address_failures) > this.config.LOGIN_RATE_LIMIT_PER_ADDRESS
    ) {
      // A refused attempt checked nothing, so it does not count against the next window.
      await this.attempts.delete(id);
      throw rateLimited(this.config.LOGIN_RATE_LIMIT_WINDOW_SECONDS);
    }
    return {
      settle: async (succeeded: boolean) => {
        if (succeeded) await this.attempts.markSucceeded(id);
        // Attempts older than a day no longer matter to any window; keep the table small.
        await this.attempts.deleteOlderThan(new Date(now.getTime() - 86_400_000));
      },
    };
  }
}
