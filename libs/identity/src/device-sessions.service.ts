import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, notFound } from '@roundtable/platform';
import type { Actor } from './actor';
import { AuthSessionEntity } from './identity.entities';
import type { DeviceSession } from './identity.models';
import { Sessions } from './sessions';
import { SessionsRepository } from './sessions.repository';

/** "Signed in on these devices": a person's own live sign-ins, and ending any one of them. */
@Injectable()
export class DeviceSessionsService {
  constructor(
    private readonly sessions: Sessions,
    private readonly clock: Clock,
    private readonly sessionsRepository: SessionsRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async list(actor: Actor): Promise<DeviceSession[]> {
    const rows = await this.dataSource
      .getRepository(AuthSessionEntity)
      .createQueryBuilder('s')
      .where('s.account_id = :accountId AND s.revoked_at IS NULL AND s.expires_at > :now', {
        accountId: actor.accountId,
        now: this.clock.now(),
      })
      .orderBy('s.created_at', 'DESC')
      .getMany();
    return rows.map((row) => ({
      id: row.id,
      signedInAt: row.createdAt,
      lastUsedAt: row.lastUsedAt ?? row.createdAt,
      expiresAt: row.expiresAt,
      sharedDevice: row.sharedDevice,
      current: row.id === actor.sessionId,
      device: row.userAgent,
    }));
  }

  /** Someone else's sign-in answers exactly like an unknown one (PRODUCT.md rule 11). */
  async end(actor: Actor, sessionId: string): Promise<boolean> {
    const rows = await this.sessionsRepository.endOwn(sessionId, actor.accountId, this.clock.now());
    if (rows.length === 0) throw notFound();
    this.sessions.announceRevoked({ sessionId });
    return true;
  }
}
