import { Args, Field, ID, InputType, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { IsBoolean, IsUUID } from 'class-validator';
import { CareTeamRepository, Participant } from '@roundtable/care-team';
import { CurrentActor, type Actor } from '@roundtable/identity';
import { notFound, Permission, PRESENCE_SHARING_CHANGED, type PresenceSharingChanged } from '@roundtable/platform';
import { PresenceSharingRepository } from './presence-sharing.repository';
import { ParticipantOnlyPermission, ParticipantOnlyPolicy } from './policies/participant-only.policy';

@InputType({ description: 'Participant: whether your care team sees when you are in your plan’s live room.' })
export class SetPresenceSharingInput {
  @Field(() => ID) @IsUUID() participantId!: string;
  @Field({ description: 'True: your team sees you are here while you are. False (the default): they never do.' })
  @IsBoolean()
  share!: boolean;
}

/**
 * The participant's choice to share their presence with the team (off by default). The
 * realtime gateway reads it for every presence update; only the choice is stored, never when
 * the participant was online.
 */
@Resolver(() => Participant)
export class PresenceSharingResolver {
  constructor(
    private readonly policy: ParticipantOnlyPolicy,
    private readonly store: CareTeamRepository,
    private readonly events: EventEmitter2,
    private readonly repository: PresenceSharingRepository,
  ) {}

  @ResolveField(() => Boolean, {
    nullable: true,
    description:
      'The participant only (empty for everyone else): whether your care team sees when you are in your plan’s live room. Off unless you turn it on (setPresenceSharing).',
  })
  async sharePresenceWithTeam(
    @Parent() participant: Participant,
    @CurrentActor() actor: Actor,
  ): Promise<boolean | null> {
    // The choice is the participant's own setting: staff are not told it (they only ever see presence, or not).
    if (!this.policy.isParticipant(actor, participant.id)) return null;
    const share = await this.repository.sharesPresence(participant.id);
    return share;
  }

  @Permission('consent.sharePresence')
  @Mutation(() => Participant, {
    description:
      'Participant: let your care team see when you are in your plan’s live room, or stop it. Takes effect at once; nothing records when you were here.',
  })
  async setPresenceSharing(
    @CurrentActor() actor: Actor,
    @Args('input') input: SetPresenceSharingInput,
  ): Promise<Participant> {
    await this.policy.authorize(actor, ParticipantOnlyPermission.SET_PRESENCE_SHARING, {
      participantId: input.participantId,
    });
    // Not a versioned edit, the last choice wins (see PresenceSharingRepository.setSharePresence).
    await this.repository.setSharePresence(input.participantId, input.share);
    this.events.emit(PRESENCE_SHARING_CHANGED, { participantId: input.participantId } satisfies PresenceSharingChanged);
    const [participant] = await this.store.participants([input.participantId]);
    if (!participant) throw notFound();
    return participant;
  }
}
