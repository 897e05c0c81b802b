import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AccountKind, ProgramRole, TeamRole } from '@roundtable/contracts';
import {
  CareTeamMembershipEntity,
  CareTeamRepository,
  ContactEntity,
  ParticipantEntity,
  type AddCareTeamMemberInput,
  type CareTeamMember,
  type CreateParticipantInput,
  type InviteSupportPersonInput,
  type RecordContactInput,
} from '@roundtable/care-team';
import { AccountEntity, type Actor, type IssuedCode } from '@roundtable/identity';
import { badUserInput, Clock, createOnce, notFound } from '@roundtable/platform';
import { AuditTrail } from './audit-trail';
import { CareTeamChangesRepository } from './care-team-changes.repository';
import { CareTeamTimeline, type CareTeamChangePayload } from './care-team-timeline.port';
import { ParticipantVoicePolicy } from './policies/participant-voice.policy';
import { CompartmentPolicy } from './policies/compartment.policy';
import { CareTeamPermission, CareTeamPolicy } from './policies/care-team.policy';
import { pendingSignIn, SignInSetupService } from './sign-in-setup.service';
import { authorize } from './policies/authorize';

/** What the timeline says about a join or leave: names and roles only, general content. */
function teamChangePayload(
  kind: 'JOINED' | 'LEFT',
  member: AccountEntity,
  teamRole: TeamRole,
  actor: Actor,
): CareTeamChangePayload {
  const who = member.discipline
    ? `${member.displayName} (${member.discipline.toLowerCase().replaceAll('_', ' ')})`
    : member.displayName;
  return {
    kind,
    memberName: member.displayName,
    discipline: member.discipline,
    teamRole,
    changedBy: actor.displayName,
    summary:
      kind === 'JOINED'
        ? `${who} joined the care team, added by ${actor.displayName}`
        : `${who} left the care team, ended by ${actor.displayName}`,
  };
}

/** Changes to participants and care teams, each checked against the compartment first. */
@Injectable()
export class ParticipantsService {
  constructor(
    private readonly clock: Clock,
    private readonly policy: CompartmentPolicy,
    private readonly teamPolicy: CareTeamPolicy,
    private readonly timeline: CareTeamTimeline,
    private readonly store: CareTeamRepository,
    private readonly setupCodes: SignInSetupService,
    private readonly audit: AuditTrail,
    private readonly voice: ParticipantVoicePolicy,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly changesRepository: CareTeamChangesRepository,
  ) {}

  /**
   * Staff create a participant record in their program and join the team; an
   * administrator creates it without joining (they then assign the team).
   */
  async createParticipant(actor: Actor, input: CreateParticipantInput): Promise<ParticipantEntity> {
    const programId = authorize('participant.create', actor);
    const now = this.clock.now();
    const id = await this.dataSource.transaction((manager) =>
      createOnce(
        manager,
        { actor: actor.accountId, key: input.idempotencyKey, operation: 'createParticipant' },
        async () => {
          const participant = await manager.save(
            manager.create(ParticipantEntity, {
              programId,
              preferredName: input.preferredName.trim(),
              pronouns: input.pronouns?.trim() || null,
              createdAt: now,
              version: 1,
            }),
          );
          if (actor.programRole !== ProgramRole.ADMINISTRATOR) {
            await this.insertMembership(
              manager,
              participant.id,
              actor.accountId,
              TeamRole.PRIMARY_CASE_MANAGER,
              now,
              null,
              actor,
            );
          }
          return participant.id;
        },
      ),
    );
    return this.dataSource.getRepository(ParticipantEntity).findOneByOrFail({ id });
  }

  /**
   * Adds a staff member to the team. Only the participant's primary case manager or a
   * supervisor of the program, never an administrator, never the person added (rule 10,
   * separation of duties: see CareTeamPolicy). The change is logged for the participant and
   * appears live on their timeline.
   */
  async addMember(actor: Actor, input: AddCareTeamMemberInput): Promise<CareTeamMember> {
    const authority = await this.teamPolicy.authorize(actor, CareTeamPermission.ADD_MEMBER, {
      participantId: input.participantId,
    });
    const now = this.clock.now();
    const since = input.since ?? now;
    // No backdating: a past start would slip the member under grants made "for the team as it is now".
    if (since.getTime() < now.getTime() - 5 * 60_000)
      throw badUserInput('input.since', 'input.since: cannot be in the past');
    if (input.until && input.until <= since) throw badUserInput('input.until', 'input.until: must be after the start');
    const membershipId = await this.timeline.write(async ({ manager, appendToTimeline }) => {
      const [participant] = await this.store.participants([input.participantId]);
      const candidate = await manager.findOneBy(AccountEntity, { id: input.accountId });
      const member = this.teamPolicy.checkNewMember(actor, authority, candidate, participant.programId, input.teamRole);
      if (await this.store.openMembership(manager, input.participantId, input.accountId)) {
        throw badUserInput('input.accountId', 'input.accountId: already on this care team');
      }
      const id = await this.insertMembership(
        manager,
        input.participantId,
        input.accountId,
        input.teamRole,
        since,
        input.until ?? null,
        actor,
      );
      await appendToTimeline({
        participantId: input.participantId,
        membershipId: id,
        actor: actor.accountId,
        payload: teamChangePayload('JOINED', member, input.teamRole, actor),
      });
      return id;
    });
    await this.audit.record({
      participantId: input.participantId,
      actor: actor.accountId,
      action: 'addCareTeamMember',
      kind: 'TEAM',
      itemId: membershipId,
    });
    return this.member(membershipId);
  }

  /** Ends a membership now; the same people as `addMember` (rule 10, separation of duties). */
  async endMembership(actor: Actor, membershipId: string): Promise<CareTeamMember> {
    const membership = await this.dataSource.getRepository(CareTeamMembershipEntity).findOneBy({ id: membershipId });
    if (!membership) throw notFound();
    await this.teamPolicy.authorize(actor, CareTeamPermission.END_MEMBERSHIP, {
      participantId: membership.participantId,
    });
    const now = this.clock.now();
    await this.timeline.write(async ({ manager, appendToTimeline }) => {
      // Row lock: two concurrent ends record one change, not two.
      const current = await this.changesRepository.lockMembershipEnd(manager, membershipId);
      if (current.ends_at && current.ends_at <= now)
        throw badUserInput('input.membershipId', 'input.membershipId: already ended');
      // A membership that has not started yet ends at its start (the table keeps ends_at >= starts_at).
      const endsAt = membership.startsAt > now ? membership.startsAt : now;
      await manager.update(CareTeamMembershipEntity, { id: membershipId }, { endsAt, endedBy: actor.accountId });
      // Every join and leave goes into the participant's change log (rule 10), in the same transaction.
      await this.changesRepository.recordChange(
        manager,
        membershipId,
        'LEFT',
        endsAt,
        endsAt,
        actor.accountId,
        this.clock.now(),
      );
      const member = await manager.findOneByOrFail(AccountEntity, { id: membership.accountId });
      await appendToTimeline({
        participantId: membership.participantId,
        membershipId,
        actor: actor.accountId,
        payload: teamChangePayload('LEFT', member, membership.teamRole, actor),
      });
    });
    await this.audit.record({
      participantId: membership.participantId,
      actor: actor.accountId,
      action: 'endCareTeamMembership',
      kind: 'TEAM',
      itemId: membershipId,
    });
    return this.member(membershipId);
  }

  async recordContact(actor: Actor, input: RecordContactInput): Promise<ContactEntity> {
    await this.policy.assertStaffOnTeam(actor, input.participantId);
    const now = this.clock.now();
    if (input.at && input.at.getTime() > now.getTime() + 5 * 60_000) {
      throw badUserInput('input.at', 'input.at: a contact cannot be in the future');
    }
    const id = await this.dataSource.transaction((manager) =>
      createOnce(
        manager,
        { actor: actor.accountId, key: input.idempotencyKey, operation: 'recordContact' },
        async () => {
          const contact = await manager.save(
            manager.create(ContactEntity, {
              participantId: input.participantId,
              accountId: actor.accountId,
              mode: input.mode,
              at: input.at ?? now,
              createdAt: now,
            }),
          );
          return contact.id;
        },
      ),
    );
    return this.dataSource.getRepository(ContactEntity).findOneByOrFail({ id });
  }

  /** The participant (or a staff member with them) invites a support person to the team. */
  async inviteSupportPerson(
    actor: Actor,
    input: InviteSupportPersonInput,
  ): Promise<{ member: CareTeamMember; setup: IssuedCode; setupCodeId: string }> {
    if (!(actor.kind === AccountKind.PARTICIPANT && actor.participantId === input.participantId)) {
      await this.policy.assertStaffOnTeam(actor, input.participantId);
      // Rules 1, 10: who joins their team is the participant's act; with staff, only by co-sign.
      await this.voice.requireParticipantOrCoSign(
        actor,
        input.participantId,
        input.coSign,
        'The participant invites a support person: on their own device, or by typing their passphrase here (coSign)',
      );
    }
    const now = this.clock.now();
    const { membershipId, setup } = await this.dataSource.transaction(async (manager) => {
      const [participant] = await this.store.participants([input.participantId]);
      const account = await manager.save(
        pendingSignIn(manager, AccountKind.SUPPORT_PERSON, input.displayName.trim(), participant.programId, null, now),
      );
      const id = await this.insertMembership(
        manager,
        input.participantId,
        account.id,
        TeamRole.SUPPORT_PERSON,
        now,
        null,
        actor,
      );
      // Rule 1: the code waits for a second staff member's approval like a participant's own.
      const setup = await this.setupCodes.issueForSupportPerson(manager, actor, account.id, input.participantId);
      return { membershipId: id, setup };
    });
    await this.audit.record({
      participantId: input.participantId,
      actor: actor.accountId,
      action: 'inviteSupportPerson',
      kind: 'TEAM',
      itemId: membershipId,
    });
    return { member: await this.member(membershipId), setup, setupCodeId: setup.id };
  }

  private async insertMembership(
    manager: EntityManager,
    participantId: string,
    accountId: string,
    teamRole: TeamRole,
    startsAt: Date,
    endsAt: Date | null,
    actor: Actor,
  ): Promise<string> {
    const saved = await manager.save(
      manager.create(CareTeamMembershipEntity, {
        participantId,
        accountId,
        teamRole,
        startsAt,
        endsAt,
        addedBy: actor.accountId,
        endedBy: null,
      }),
    );
    await this.changesRepository.recordChange(
      manager,
      saved.id,
      'JOINED',
      startsAt,
      endsAt,
      actor.accountId,
      this.clock.now(),
    );
    return saved.id;
  }

  private async member(membershipId: string): Promise<CareTeamMember> {
    const member = await this.store.membership(membershipId);
    if (!member) throw notFound();
    return member;
  }
}
