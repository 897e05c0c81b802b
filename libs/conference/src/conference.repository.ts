import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ConferenceStatus, type AttendeeKind } from '@roundtable/contracts';
import { ConferenceAttendeeEntity, ConferenceEntity } from './conference.entities';

/** A participant's next conference not yet closed (column names as SQL returns them). */
export interface NextConferenceRow {
  id: string;
  participant_id: string;
  scheduled_for: Date;
  time_zone: string;
  status: ConferenceStatus;
}

/**
 * The conference rows and their attendees, as the conference services and resolvers read and
 * write them: the SQL lives here and the services keep only the rules ("one persistence
 * idiom"). A write takes the transaction's EntityManager; a read outside one uses the
 * DataSource. No policy here: ConferenceAccess and ConferencePolicy decide.
 */
@Injectable()
export class ConferenceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  conference(id: string): Promise<ConferenceEntity | null> {
    return this.dataSource.getRepository(ConferenceEntity).findOneBy({ id });
  }

  conferenceOrFail(id: string): Promise<ConferenceEntity> {
    return this.dataSource.getRepository(ConferenceEntity).findOneByOrFail({ id });
  }

  /** The conference, read in the write's transaction. */
  conferenceIn(manager: EntityManager, id: string): Promise<ConferenceEntity> {
    return manager.findOneByOrFail(ConferenceEntity, { id });
  }

  /** The conference, locked for this transaction's own change; null if it is gone. */
  lockedToWrite(manager: EntityManager, id: string): Promise<ConferenceEntity | null> {
    return manager.findOne(ConferenceEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** A new conference; its room versions start empty (the column's default). */
  add(manager: EntityManager, fields: Omit<ConferenceEntity, 'id' | 'roomVersions'>): Promise<ConferenceEntity> {
    return manager.save(manager.create(ConferenceEntity, fields));
  }

  /** An attendee of a conference just scheduled (no one can have invited them yet). */
  async insertAttendee(manager: EntityManager, attendee: ConferenceAttendeeEntity): Promise<void> {
    await manager.insert(ConferenceAttendeeEntity, attendee);
  }

  /**
   * The conference's status, share-locked until the transaction ends: waits for a concurrent
   * close to commit. Undefined if there is no such conference.
   */
  async statusForShare(manager: EntityManager, conferenceId: string): Promise<ConferenceStatus | undefined> {
    const [row]: { status: ConferenceStatus }[] = await manager.query(
      'SELECT status FROM conference WHERE id = $1 FOR SHARE',
      [conferenceId],
    );
    return row?.status;
  }

  /** Invites an account; false when it was already invited (nothing changes then). */
  async addAttendee(
    manager: EntityManager,
    attendee: {
      conferenceId: string;
      participantId: string;
      accountId: string;
      kind: AttendeeKind;
      invitedBy: string;
      invitedAt: Date;
    },
  ): Promise<boolean> {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO conference_attendee (conference_id, participant_id, account_id, kind, invited_by, invited_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING account_id`,
      [
        attendee.conferenceId,
        attendee.participantId,
        attendee.accountId,
        attendee.kind,
        attendee.invitedBy,
        attendee.invitedAt,
      ],
    );
    return inserted.length > 0;
  }

  /** Each participant's earliest conference not yet closed (it may be under way), in one statement. */
  nextOpenConferences(participantIds: string[]): Promise<NextConferenceRow[]> {
    return this.dataSource.query(
      `SELECT DISTINCT ON (participant_id) id, participant_id, scheduled_for, time_zone, status
           FROM conference
          WHERE participant_id = ANY($1::uuid[]) AND status <> $2
          ORDER BY participant_id, scheduled_for, id`,
      [participantIds, ConferenceStatus.CLOSED],
    ) as Promise<NextConferenceRow[]>;
  }

  /** When the participant's last closed conference scheduled before `conference` closed; null if none. */
  async lastClosedBefore(conference: ConferenceEntity): Promise<Date | null> {
    return (await this.lastClosedBeforeEach([conference])).get(conference.id) ?? null;
  }

  /**
   * `lastClosedBefore` for several conferences (rounds), in one statement whatever their number:
   * conference id → when its participant's last closed conference scheduled before it closed.
   */
  async lastClosedBeforeEach(conferences: readonly ConferenceEntity[]): Promise<Map<string, Date | null>> {
    if (conferences.length === 0) return new Map();
    const rows: { id: string; closed_at: Date | null }[] = await this.dataSource.query(
      `SELECT c.id, (SELECT last.closed_at FROM conference last
                       WHERE last.participant_id = c.participant_id AND last.status = $2 AND last.id <> c.id
                         AND last.scheduled_for < c.scheduled_for
                       ORDER BY last.scheduled_for DESC LIMIT 1) AS closed_at
           FROM conference c WHERE c.id = ANY($1::uuid[])`,
      [conferences.map((conference) => conference.id), ConferenceStatus.CLOSED],
    );
    return new Map(rows.map((row) => [row.id, row.closed_at]));
  }

  /** Conferences scheduled on `date` in `timeZone`, earliest first. */
  onDay(date: string, timeZone: string): Promise<ConferenceEntity[]> {
    return this.dataSource
      .getRepository(ConferenceEntity)
      .createQueryBuilder('c')
      .where('CAST(c.scheduled_for AT TIME ZONE :timeZone AS date) = CAST(:date AS date)', { timeZone, date })
      .orderBy('c.scheduled_for')
      .getMany();
  }

  /** Every conference of the participant, oldest first. */
  conferencesOf(participantId: string): Promise<ConferenceEntity[]> {
    return this.dataSource
      .getRepository(ConferenceEntity)
      .find({ where: { participantId }, order: { scheduledFor: 'ASC', id: 'ASC' } });
  }
}
