import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AccountKind, AccountStatus, ProgramRole, TeamRole } from '@roundtable/contracts';
import {
  CareTeamMembershipEntity,
  CareTeamStore,
  ContactEntity,
  ParticipantEntity,
  type AddCareTeamMemberInput,
  type CareTeamMember,
  type CreateParticipantInput,
  type InviteSupportPersonInput,
  type RecordContactInput,
} from '@roundtable/care-team';
import { AccountEntity, OneTimeCodes, type Actor, type IssuedCode } from '@roundtable/identity';
import { badUserInput, Clock, createOnce, forbidden, notFound } from '@roundtable/platform';
import { AuditTrail } from './audit-trail';
import { ParticipantVoicePolicy } from './policies/participant-voice.policy';
import { CompartmentPolicy } from './compartment.policy';

/** Changes to participants and care teams, each checked against the compartment first. */
@Injectable()
export class ParticipantsService {
  constructor(
    private readonly clock: Clock,
    private readonly policy: CompartmentPolicy,
    private readonly store: CareTeamStore,
    private readonly codes: OneTimeCodes,
    private readonly audit: AuditTrail,
    private readonly voice: ParticipantVoicePolicy,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * Staff create a participant record in their program and join the team; an
   * administrator creates it without joining (they then assign the team).
   */
  async createParticipant(actor: Actor, input: CreateParticipantInput): Promise<ParticipantEntity> {
    if (actor.kind !== AccountKind.STAFF || !actor.programId) throw forbidden('Only staff can add a participant');
    const programId = actor.programId;
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

  async addMember(actor: Actor, input: AddCareTeamMemberInput): Promise<CareTeamMember> {
    await this.policy.assertCanManageTeam(actor, input.participantId);
    const now = this.clock.now();
    const since = input.since ?? now;
    // No backdating: a past start would slip the member under grants made "for the team as it is now".
    if (since.getTime() < now.getTime() - 5 * 60_000)
      throw badUserInput('input.since', 'input.since: cannot be in the past');
    if (input.until && input.until <= since) throw badUserInput('input.until', 'input.until: must be after the start');
    const membershipId = await this.dataSource.transaction(async (manager) => {
      const [participant] = await this.store.participants([input.participantId]);
      const account = await manager.findOneBy(AccountEntity, { id: input.accountId });
      const eligible =
        account?.kind === AccountKind.STAFF &&
        account.programId === participant?.programId &&
        account.programRole !== ProgramRole.ADMINISTRATOR &&
        account.status !== AccountStatus.DEACTIVATED;
      // Administrators never join a care team through the administrator role.
      if (!eligible)
        throw badUserInput(
          'input.accountId',
          'input.accountId: not a staff member of this program who can join a care team',
        );
      if (input.teamRole === TeamRole.SUPPORT_PERSON) {
        throw badUserInput('input.teamRole', 'input.teamRole: support persons are invited by the participant');
      }
      if (await this.store.openMembership(manager, input.participantId, input.accountId)) {
        throw badUserInput('input.accountId', 'input.accountId: already on this care team');
      }
      return this.insertMembership(
        manager,
        input.participantId,
        input.accountId,
        input.teamRole,
        since,
        input.until ?? null,
        actor,
      );
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

  async endMembership(actor: Actor, membershipId: string): Promise<CareTeamMember> {
    const membership = await this.dataSource.getRepository(CareTeamMembershipEntity).findOneBy({ id: membershipId });
    if (!membership) throw notFound();
    await this.policy.assertCanManageTeam(actor, membership.participantId);
    const now = this.clock.now();
    if (membership.endsAt && membership.endsAt <= now)
      throw badUserInput('input.membershipId', 'input.membershipId: already ended');
    await this.dataSource
      .getRepository(CareTeamMembershipEntity)
      .update({ id: membershipId }, { endsAt: now, endedBy: actor.accountId });
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

  /**
   * A team member sitting with the participant sets up (or resets) their sign-in: the
   * participant account is created on first use, and a one-time code is handed over.
   */
  async createSignInSetupCode(actor: Actor, participantId: string): Promise<IssuedCode> {
    await this.policy.assertStaffOnTeam(actor, participantId);
    return this.dataSource.transaction(async (manager) => {
      let account = await manager.findOneBy(AccountEntity, { participantId, kind: AccountKind.PARTICIPANT });
      if (!account) {
        const [participant] = await this.store.participants([participantId]);
        account = await manager.save(
          this.pendingSignIn(
            manager,
            AccountKind.PARTICIPANT,
            participant.preferredName,
            participant.programId,
            participantId,
          ),
        );
      }
      if (account.status === AccountStatus.DEACTIVATED) {
        throw badUserInput('input.participantId', "input.participantId: the participant's sign-in is deactivated");
      }
      return this.codes.issue(manager, account.id, 'SIGN_IN_SETUP', actor.accountId);
    });
  }

  /** The participant (or a staff member with them) invites a support person to the team. */
  async inviteSupportPerson(
    actor: Actor,
    input: InviteSupportPersonInput,
  ): Promise<{ member: CareTeamMember; setup: IssuedCode }> {
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
        this.pendingSignIn(manager, AccountKind.SUPPORT_PERSON, input.displayName.trim(), participant.programId, null),
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
      return { membershipId: id, setup: await this.codes.issue(manager, account.id, 'SIGN_IN_SETUP', actor.accountId) };
    });
    await this.audit.record({
      participantId: input.participantId,
      actor: actor.accountId,
      action: 'inviteSupportPerson',
      kind: 'TEAM',
      itemId: membershipId,
    });
    return { member: await this.member(membershipId), setup };
  }

  /** A sign-in with no password yet, for a participant or support person (set up with a one-time code). */
  private pendingSignIn(
    manager: EntityManager,
    kind: AccountKind.PARTICIPANT | AccountKind.SUPPORT_PERSON,
    displayName: string,
    programId: string,
    participantId: string | null,
  ): AccountEntity {
    return manager.create(AccountEntity, {
      kind,
      status: AccountStatus.PENDING,
      displayName,
      email: null,
      username: null,
      passwordHash: null,
      programId,
      discipline: null,
      programRole: null,
      participantId,
      createdAt: this.clock.now(),
      version: 1,
    });
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
    return saved.id;
  }

  private async member(membershipId: string): Promise<CareTeamMember> {
    const member = await this.store.membership(membershipId);
    if (!member) throw notFound();
    return member;
  }
}
