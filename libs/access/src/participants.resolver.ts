import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  AddCareTeamMemberInput,
  CareTeamChange,
  CareTeamMember,
  CareTeamRepository,
  CaseloadEntry,
  Contact,
  CreateParticipantInput,
  EndCareTeamMembershipInput,
  InviteSupportPersonInput,
  Participant,
  RecordContactInput,
  RosterEntry,
} from '@roundtable/care-team';
import { CurrentActor, type Actor } from '@roundtable/identity';
import {
  Clock,
  notFound,
  requestLoader,
  type GraphQLRequestContext,
  IdPipe,
  mustGet,
  Permission,
} from '@roundtable/platform';
import { SupportPersonInvitation } from './access.models';
import { CompartmentPolicy } from './policies/compartment.policy';
import { ParticipantsService } from './participants.service';
import { authorize } from './policies/authorize';

/** Participants and their care teams, always through the compartment policy. */
@Resolver(() => Participant)
export class ParticipantsResolver {
  constructor(
    private readonly clock: Clock,
    private readonly policy: CompartmentPolicy,
    private readonly store: CareTeamRepository,
    private readonly participants: ParticipantsService,
  ) {}

  @Permission('participant.read')
  @Query(() => Participant, {
    description: 'A participant you are on the care team of, or yourself. Anything else answers NOT_FOUND.',
  })
  async participant(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }, IdPipe) id: string,
  ): Promise<Participant> {
    await this.policy.assertReadable(actor, id);
    const [participant] = await this.store.participants([id]);
    if (!participant) throw notFound();
    return participant;
  }

  @Permission('participant.listCaseload')
  @Query(() => [CaseloadEntry], {
    description: 'Staff: the participants whose care team I am on, with the last contact (there is no "overdue").',
  })
  async caseload(@CurrentActor() actor: Actor): Promise<CaseloadEntry[]> {
    const memberships = await this.store.activeMemberships(actor.accountId, this.clock.now());
    const ids = memberships.map((m) => m.participantId);
    const readable = await this.policy.readableParticipantIds(actor, ids);
    const [participants, contacts] = await Promise.all([
      this.store.participants([...readable]),
      this.store.lastContacts([...readable], actor.accountId),
    ]);
    const roleOf = new Map(memberships.map((m) => [m.participantId, m.teamRole]));
    return participants.map((participant) => ({
      participant,
      teamRole: mustGet(roleOf, participant.id),
      lastContactAt: contacts.get(participant.id)?.anyone ?? null,
      myLastContactAt: contacts.get(participant.id)?.mine ?? null,
    }));
  }

  @Permission('participant.readProgramRoster')
  @Query(() => [RosterEntry], {
    description: "Supervisors and administrators: the program's participants and their care teams; no plan content.",
  })
  async programRoster(@CurrentActor() actor: Actor): Promise<RosterEntry[]> {
    const programId = authorize(
      'participant.readProgramRoster',
      { seesProgramRoster: this.policy.seesProgramRoster(actor) },
      actor,
    );
    const ids = await this.store.programParticipantIds(programId);
    const [participants, teams] = await Promise.all([
      this.store.participants(ids),
      this.store.currentMembers(ids, this.clock.now()),
    ]);
    return participants.map((p) => ({
      participantId: p.id,
      preferredName: p.preferredName,
      careTeam: teams.get(p.id) ?? [],
    }));
  }

  @ResolveField(() => [CareTeamMember], { description: 'Who is on the care team now.' })
  careTeam(@Parent() participant: Participant, @Context() context: GraphQLRequestContext): Promise<CareTeamMember[]> {
    const loader = requestLoader(context.req, 'careTeam', async (ids) => {
      const teams = await this.store.currentMembers(ids, this.clock.now());
      return ids.map((id) => teams.get(id) ?? []);
    });
    return loader.load(participant.id);
  }

  @ResolveField(() => [CareTeamChange], {
    description: 'Every join and leave on the care team, newest first. The participant sees every change.',
  })
  careTeamHistory(@Parent() participant: Participant): Promise<CareTeamChange[]> {
    return this.store.history(participant.id, this.clock.now());
  }

  @ResolveField(() => Date, { nullable: true, description: 'The latest contact anyone on the team recorded.' })
  async lastContactAt(@Parent() participant: Participant, @CurrentActor() actor: Actor): Promise<Date | null> {
    const contacts = await this.store.lastContacts([participant.id], actor.accountId);
    return contacts.get(participant.id)?.anyone ?? null;
  }

  @Permission('participant.create')
  @Mutation(() => Participant, {
    description: 'Staff: add a participant to the program; you join their care team as primary case manager.',
  })
  createParticipant(@CurrentActor() actor: Actor, @Args('input') input: CreateParticipantInput): Promise<Participant> {
    return this.participants.createParticipant(actor, input);
  }

  @Permission('careTeam.addMember')
  @Mutation(() => CareTeamMember, {
    description:
      "The participant's primary case manager or a supervisor of the program: add an active staff member of the program (never yourself, never an administrator). Only a supervisor names a primary case manager. The participant sees the change.",
  })
  addCareTeamMember(
    @CurrentActor() actor: Actor,
    @Args('input') input: AddCareTeamMemberInput,
  ): Promise<CareTeamMember> {
    return this.participants.addMember(actor, input);
  }

  @Permission('careTeam.endMembership')
  @Mutation(() => CareTeamMember, {
    description:
      "The participant's primary case manager or a supervisor of the program: end a membership now. The participant sees the change.",
  })
  endCareTeamMembership(
    @CurrentActor() actor: Actor,
    @Args('input') input: EndCareTeamMembershipInput,
  ): Promise<CareTeamMember> {
    return this.participants.endMembership(actor, input.membershipId);
  }

  @Permission('careTeam.recordContact')
  @Mutation(() => Contact, { description: 'Care-team staff: record a contact with the participant.' })
  async recordContact(@CurrentActor() actor: Actor, @Args('input') input: RecordContactInput): Promise<Contact> {
    const contact = await this.participants.recordContact(actor, input);
    return { id: contact.id, mode: contact.mode, at: contact.at, recordedBy: actor.displayName };
  }

  @Permission('careTeam.inviteSupportPerson')
  @Mutation(() => SupportPersonInvitation, {
    description:
      'The participant (or staff with them): invite a support person; they see only what the participant grants. Their set-up code works only after a second staff member approves it (approveSignInSetupCode).',
  })
  inviteSupportPerson(
    @CurrentActor() actor: Actor,
    @Args('input') input: InviteSupportPersonInput,
  ): Promise<SupportPersonInvitation> {
    return this.participants.inviteSupportPerson(actor, input);
  }
}
