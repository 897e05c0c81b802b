import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccountKind, AttendeeKind, type SensitivityLabel } from '@roundtable/contracts';
import { actorOfAccount, VisibilityPolicy } from '@roundtable/access';
import { CareTeamRepository } from '@roundtable/care-team';
import { AccountEntity } from '@roundtable/identity';
import { Clock, groupBy, mustGet } from '@roundtable/platform';
import { ConferenceAttendeeEntity } from './conference.entities';
import type { ConferencePerson } from './conference.models';

export interface AudienceMember {
  person: ConferencePerson;
  /** What this person may see in the participant's plan now. */
  labels: Set<SensitivityLabel>;
}

/** Who is at (or may read) a participant's conferences, and what each of them may see. */
export class Audience {
  constructor(
    readonly people: Map<string, AudienceMember>,
    private readonly attendeesByConference: Map<string, ConferenceAttendeeEntity[]>,
  ) {}

  attendees(conferenceId: string): AudienceMember[] {
    return (this.attendeesByConference.get(conferenceId) ?? []).flatMap((row) => {
      const member = this.people.get(row.accountId);
      return member ? [{ ...member, person: { ...member.person, attendeeKind: row.kind } }] : [];
    });
  }

  /** Attendees whose screens do not show something under this label. */
  hiddenFrom(conferenceId: string, label: SensitivityLabel): ConferencePerson[] {
    return this.attendees(conferenceId)
      .filter((member) => !member.labels.has(label))
      .map((member) => member.person);
  }

  /** Everyone who can read something under this label: attendees and current team members. */
  readers(conferenceId: string, label: SensitivityLabel): ConferencePerson[] {
    const attendees = new Map(this.attendees(conferenceId).map((member) => [member.person.accountId, member]));
    return [...this.people.values()]
      .filter((member) => member.labels.has(label))
      .map((member) => attendees.get(member.person.accountId)?.person ?? member.person);
  }

  person(accountId: string): ConferencePerson | undefined {
    return this.people.get(accountId)?.person;
  }
}

@Injectable()
export class ConferenceAudience {
  constructor(
    private readonly clock: Clock,
    private readonly visibility: VisibilityPolicy,
    private readonly store: CareTeamRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** One read of the attendees of these conferences, the current team, and each person's labels. */
  async load(
    participantId: string,
    conferenceIds: readonly string[],
    alsoAccountIds: string[] = [],
  ): Promise<Audience> {
    return (await this.loadAcross([{ participantId, conferenceIds, alsoAccountIds }]))[0];
  }

  /**
   * `load` for several participants' conferences, in the same number of round trips whatever
   * their number (rounds): one Audience per request, in order. Each person's labels are those
   * they have in that participant's plan (rule 10), never another's.
   */
  async loadAcross(
    requests: readonly {
      participantId: string;
      conferenceIds: readonly string[];
      alsoAccountIds?: readonly string[];
    }[],
  ): Promise<Audience[]> {
    const conferenceIds = [...new Set(requests.flatMap((request) => request.conferenceIds))];
    const participantIds = [...new Set(requests.map((request) => request.participantId))];
    const attendees = conferenceIds.length
      ? await this.dataSource
          .getRepository(ConferenceAttendeeEntity)
          .createQueryBuilder('a')
          .where('a.conference_id = ANY(:ids)', { ids: conferenceIds })
          .orderBy('a.invited_at')
          .getMany()
      : [];
    const teams = participantIds.length ? await this.store.currentMembers(participantIds, this.clock.now()) : new Map();
    const attendeesByConference = groupBy(attendees, (row) => row.conferenceId);
    // Who each participant's audience names: attendees of their conferences, their team, and the extras.
    const accountIdsOf = new Map<string, Set<string>>(participantIds.map((id) => [id, new Set<string>()]));
    for (const request of requests) {
      const ids = mustGet(accountIdsOf, request.participantId);
      for (const conferenceId of request.conferenceIds) {
        for (const row of attendeesByConference.get(conferenceId) ?? []) ids.add(row.accountId);
      }
      for (const member of teams.get(request.participantId) ?? []) ids.add(member.accountId);
      for (const id of request.alsoAccountIds ?? []) ids.add(id);
    }
    const allIds = [...new Set([...accountIdsOf.values()].flatMap((ids) => [...ids]))];
    const accounts = allIds.length
      ? await this.dataSource.getRepository(AccountEntity).findBy(allIds.map((id) => ({ id })))
      : [];
    // In the order the accounts were read, as a read for one participant alone lists them.
    const accountsOf = new Map(
      participantIds.map((id) => [id, accounts.filter((account) => mustGet(accountIdsOf, id).has(account.id))]),
    );
    const labels = await this.visibility.visibleLabelsInPlans(
      participantIds.map((participantId) => ({
        participantId,
        actors: mustGet(accountsOf, participantId).map(actorOfAccount),
      })),
    );
    return requests.map(({ participantId, conferenceIds: ids }) => {
      const people = new Map<string, AudienceMember>();
      for (const account of mustGet(accountsOf, participantId)) {
        const isParticipant = account.kind === AccountKind.PARTICIPANT && account.participantId === participantId;
        people.set(account.id, {
          person: {
            accountId: account.id,
            displayName: account.displayName,
            discipline: account.discipline,
            attendeeKind: null,
            isParticipant,
          },
          labels: mustGet(mustGet(labels, participantId), account.id),
        });
      }
      const byConference = new Map(ids.map((id) => [id, attendeesByConference.get(id) ?? []]));
      return new Audience(people, byConference);
    });
  }
}

export const attendeeKindOf = (account: AccountEntity): AttendeeKind =>
  account.kind === AccountKind.STAFF ? AttendeeKind.TEAM_MEMBER : AttendeeKind.SUPPORT_PERSON;
