import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccountKind, AttendeeKind, type SensitivityLabel } from '@roundtable/contracts';
import { actorOfAccount, VisibilityPolicy } from '@roundtable/access';
import { CareTeamRepository } from '@roundtable/care-team';
import { AccountEntity } from '@roundtable/identity';
import { Clock } from '@roundtable/platform';
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
    const attendees = conferenceIds.length
      ? await this.dataSource
          .getRepository(ConferenceAttendeeEntity)
          .createQueryBuilder('a')
          .where('a.conference_id = ANY(:ids)', { ids: [...conferenceIds] })
          .orderBy('a.invited_at')
          .getMany()
      : [];
    const team = (await this.store.currentMembers([participantId], this.clock.now())).get(participantId) ?? [];
    const accountIds = new Set([
      ...attendees.map((a) => a.accountId),
      ...team.map((member) => member.accountId),
      ...alsoAccountIds,
    ]);
    const accounts = accountIds.size
      ? await this.dataSource.getRepository(AccountEntity).findBy([...accountIds].map((id) => ({ id })))
      : [];
    const labels = await this.visibility.visibleLabelsOf(accounts.map(actorOfAccount), participantId);
    const people = new Map<string, AudienceMember>();
    for (const account of accounts) {
      const isParticipant = account.kind === AccountKind.PARTICIPANT && account.participantId === participantId;
      people.set(account.id, {
        person: {
          accountId: account.id,
          displayName: account.displayName,
          discipline: account.discipline,
          attendeeKind: null,
          isParticipant,
        },
        labels: labels.get(account.id)!,
      });
    }
    const byConference = new Map<string, ConferenceAttendeeEntity[]>();
    for (const row of attendees)
      byConference.set(row.conferenceId, [...(byConference.get(row.conferenceId) ?? []), row]);
    return new Audience(people, byConference);
  }
}

export const attendeeKindOf = (account: AccountEntity): AttendeeKind =>
  account.kind === AccountKind.STAFF ? AttendeeKind.TEAM_MEMBER : AttendeeKind.SUPPORT_PERSON;
