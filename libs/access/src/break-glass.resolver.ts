import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentActor, type Actor } from '@roundtable/identity';
import { IdPipe, Permission } from '@roundtable/platform';
import { BreakGlassService } from './break-glass.service';
import {
  EmergencyAccess,
  EmergencyAccessIdInput,
  RequestEmergencyAccessInput,
  ReviewEmergencyAccessInput,
} from './consent.models';

/** Emergency ("break-glass") access: request, approval of a repeat, end, review, and the lists (PRODUCT.md rule 12). */
@Resolver()
export class BreakGlassResolver {
  constructor(private readonly breakGlass: BreakGlassService) {}

  @Permission('breakGlass.request')
  @Mutation(() => EmergencyAccess, {
    description:
      "Physicians, prescribers and nurses on the care team: time-limited emergency access to the participant's plan, with a reason the participant will see. One open at a time per participant (CONFLICT otherwise); a repeat by the same clinician within the window waits for a supervisor's approval (status AWAITING_APPROVAL) and opens nothing until then.",
  })
  requestEmergencyAccess(
    @CurrentActor() actor: Actor,
    @Args('input') input: RequestEmergencyAccessInput,
  ): Promise<EmergencyAccess> {
    return this.breakGlass.request(actor, input.participantId, input.reason);
  }

  @Permission('breakGlass.approve')
  @Mutation(() => EmergencyAccess, {
    description:
      "A supervisor of the participant's program, not the clinician: approve a repeat emergency access request. It opens now, for the usual time.",
  })
  approveEmergencyAccess(
    @CurrentActor() actor: Actor,
    @Args('input') input: EmergencyAccessIdInput,
  ): Promise<EmergencyAccess> {
    return this.breakGlass.approve(actor, input.emergencyAccessId);
  }

  @Permission('breakGlass.end')
  @Mutation(() => EmergencyAccess, {
    description: 'End your emergency access before it ends by itself, or withdraw a request awaiting approval.',
  })
  endEmergencyAccess(
    @CurrentActor() actor: Actor,
    @Args('input') input: EmergencyAccessIdInput,
  ): Promise<EmergencyAccess> {
    return this.breakGlass.end(actor, input.emergencyAccessId);
  }

  @Permission('breakGlass.review')
  @Mutation(() => EmergencyAccess, {
    description:
      "A supervisor of the participant's program, not the clinician: review an emergency access after it ended. Recorded once; the participant reads the note.",
  })
  reviewEmergencyAccess(
    @CurrentActor() actor: Actor,
    @Args('input') input: ReviewEmergencyAccessInput,
  ): Promise<EmergencyAccess> {
    return this.breakGlass.review(actor, input.emergencyAccessId, input.note);
  }

  @Permission('breakGlass.readOwn')
  @Query(() => [EmergencyAccess], { description: 'Participant: every emergency access to your plan, newest first.' })
  emergencyAccesses(
    @CurrentActor() actor: Actor,
    @Args('participantId', { type: () => ID }, IdPipe) participantId: string,
  ): Promise<EmergencyAccess[]> {
    return this.breakGlass.forParticipant(actor, participantId);
  }

  @Permission('breakGlass.listForSupervision')
  @Query(() => [EmergencyAccess], {
    description:
      "Program supervisors: emergency accesses in your program that have ended and await a supervisor's review (never your own), oldest first.",
  })
  emergencyAccessesAwaitingReview(@CurrentActor() actor: Actor): Promise<EmergencyAccess[]> {
    return this.breakGlass.awaitingReview(actor);
  }

  @Permission('breakGlass.listForSupervision')
  @Query(() => [EmergencyAccess], {
    description:
      'Program supervisors: repeat emergency access requests in your program waiting for approval (never your own), oldest first.',
  })
  emergencyAccessesAwaitingApproval(@CurrentActor() actor: Actor): Promise<EmergencyAccess[]> {
    return this.breakGlass.awaitingApproval(actor);
  }
}
