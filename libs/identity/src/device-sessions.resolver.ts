import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Permission } from '@roundtable/platform';
import type { Actor } from './actor';
import { CurrentActor } from './current-actor.decorator';
import { DeviceSessionsService } from './device-sessions.service';
import { EndSessionInput } from './identity.inputs';
import { DeviceSession } from './identity.models';

@Resolver()
export class DeviceSessionsResolver {
  constructor(private readonly deviceSessions: DeviceSessionsService) {}

  @Permission('session.listOwn')
  @Query(() => [DeviceSession], {
    description: 'Signed in on these devices: your own sign-ins that still work, newest first.',
  })
  mySessions(@CurrentActor() actor: Actor): Promise<DeviceSession[]> {
    return this.deviceSessions.list(actor);
  }

  @Permission('session.endOwn')
  @Mutation(() => Boolean, {
    description:
      'Sign out one of your own devices: its tokens stop working and its live connection closes at once. Anything else answers NOT_FOUND.',
  })
  endSession(@CurrentActor() actor: Actor, @Args('input') input: EndSessionInput): Promise<boolean> {
    return this.deviceSessions.end(actor, input.sessionId);
  }
}
