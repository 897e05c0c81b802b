import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentActor, type Actor } from '@roundtable/identity';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { changeOnceAnswering, IdPipe, Permission } from '@roundtable/platform';
import { AllowExternalSharingInput, ExternalSharingConsent, StopExternalSharingInput } from './external-sharing.models';
import { ExternalSharingService } from './external-sharing.service';

/** The participant's choices about what may leave Roundtable (PRODUCT.md rule 10). */
@Resolver()
export class ExternalSharingResolver {
  constructor(
    private readonly sharing: ExternalSharingService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Permission('externalSharing.allow')
  @Mutation(() => ExternalSharingConsent, {
    description:
      'Participant: let one label be included when your team sends your plan to another system (FHIR), until a date. Substance use needs a named recipient.',
  })
  allowExternalSharing(
    @CurrentActor() actor: Actor,
    @Args('input') input: AllowExternalSharingInput,
  ): Promise<ExternalSharingConsent> {
    return changeOnceAnswering(
      this.dataSource,
      actor,
      input,
      'allowExternalSharing',
      () => this.sharing.allow(actor, input),
      (id) => this.sharing.consentOf(actor, id),
    );
  }

  @Permission('externalSharing.stop')
  @Mutation(() => ExternalSharingConsent, {
    description: 'Participant: stop sharing a label outside Roundtable. It takes effect at once.',
  })
  stopExternalSharing(
    @CurrentActor() actor: Actor,
    @Args('input') input: StopExternalSharingInput,
  ): Promise<ExternalSharingConsent> {
    // Stopping a stopped consent changes nothing and answers it as it is.
    const stop = (id: string) => this.sharing.stop(actor, id);
    return changeOnceAnswering(this.dataSource, actor, input, 'stopExternalSharing', () => stop(input.consentId), stop);
  }

  @Permission('externalSharing.read')
  @Query(() => [ExternalSharingConsent], {
    description: 'Participant: what you let leave Roundtable, current and past.',
  })
  externalSharing(
    @CurrentActor() actor: Actor,
    @Args('participantId', { type: () => ID, description: 'Your participant id.' }, IdPipe) participantId: string,
  ): Promise<ExternalSharingConsent[]> {
    return this.sharing.list(actor, participantId);
  }
}
