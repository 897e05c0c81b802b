import { Module } from '@nestjs/common';
import { AccessModule } from '@roundtable/access';
import { IdentityModule } from '@roundtable/identity';
import { PlanModule } from '@roundtable/plan';
import { LivePresence } from './live-presence';
import { LiveSockets } from './live-sockets';
import { PlanEventDelivery } from './plan-event-delivery';
import { PlanRooms } from './plan-rooms';
import { RealtimeGateway } from './realtime.gateway';
import { Replay } from './replay';
import { SocketSignIn } from './socket-sign-in';

@Module({
  imports: [IdentityModule, AccessModule, PlanModule],
  providers: [RealtimeGateway, LiveSockets, SocketSignIn, LivePresence, Replay, PlanRooms, PlanEventDelivery],
  exports: [RealtimeGateway],
})
export class RealtimeModule {}
