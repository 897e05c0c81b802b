import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Failed attempts within a window, for one identifier and for the whole address. */
export interface SignInFailureCounts {
  account_failures: string;
  address_failures: string;
}

/**
 * Reads and writes of sign-in attempts (sign_in_attempt), each its own statement outside any
 * transaction: the SQL lives here, SignInThrottle keeps the limits.
 */
@Injectable()
export class SignInAttemptsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Writes the attempt as a failure; its id. */
  async insertFailure(identifier: string, address: string, at: Date): Promise<string> {
    const [{ id }]: { id: string }[] = await this.dataSource.query(
      'INSERT INTO sign_in_attempt (identifier, address, succeeded, at) VALUES ($1, $2, false, $3) RETURNING id',
      [identifier, address, at],
    );
    return id;
  }

  async countFailures(identifier: string, address: string, since: Date): Promise<SignInFailureCounts> {
    const [counts]: SignInFailureCounts[] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE identifier = $1 AND NOT succeeded) AS account_failures,
              count(*) FILTER (WHERE NOT succeeded) AS address_failures
         FROM sign_in_attempt WHERE address = $2 AND at > $3`,
      [identifier, address, since],
    );
    return counts;
  }

  async delete(id: string): Promise<void> {
    await this.dataSource.query('DELETE FROM sign_in_attempt WHERE id = $1', [id]);
  }

  async markSucceeded(id: string): Promise<void> {
    await this.dataSource.query('UPDATE sign_in_attempt SET succeeded = true WHERE id = $1', [id]);
  }

  async deleteOlderThan(before: Date): Promise<void> {
    await this.dataSource.query('DELETE FROM sign_in_attempt WHERE at < $1', [before]);
  }
}
