import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { CurrentActor, type Actor } from '@roundtable/identity';
import { IdPipe, Permission } from '@roundtable/platform';
import { CareTeamChangeRecord } from './care-team-changes.models';
import { CareTeamChangesService } from './care-team-changes.service';

/** The participant's record of every change to their care team. */
@Resolver()
export class CareTeamChangesResolver {
  constructor(private readonly changes: CareTeamChangesService) {}

  @Permission('careTeam.readChanges')
  @Query(() => [CareTeamChangeRecord], {
    description:
      'The participant and their team: every join and leave on the care team, newest first, with who made it and what the member sees. Anyone else: NOT_FOUND, as for an unknown id.',
  })
  careTeamChanges(
    @CurrentActor() actor: Actor,
    @Args('participantId', { type: () => ID }, IdPipe) participantId: string,
  ): Promise<CareTeamChangeRecord[]> {
    return this.changes.changes(actor, participantId);
  }
}
