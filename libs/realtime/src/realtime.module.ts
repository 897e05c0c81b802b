import { Module } from '@nestjs/common';
import { AccessModule } from '@roundtable/access';
import { IdentityModule } from '@roundtable/identity';
import { PlanModule } from '@roundtable/plan';
import { LivePresence } from './live-presence';
import { LiveSockets } from './live-sockets';
import { PlanEventDelivery } from './plan-event-delivery';
import { PlanRooms } from './plan-rooms';
import { RealtimeGateway } from './realtime.gateway';
import { RealtimeParticipantRepository } from './realtime-participant.repository';
import { ReplayRepository } from './replay.repository';
import { SocketSessionRepository } from './socket-session.repository';
import { SocketSignIn } from './socket-sign-in';

@Module({
  imports: [IdentityModule, AccessModule, PlanModule],
  providers: [
    RealtimeGateway,
    LiveSockets,
    SocketSignIn,
    LivePresence,
    PlanRooms,
    PlanEventDelivery,
    ReplayRepository,
    RealtimeParticipantRepository,
    SocketSessionRepository,
  ],
  exports: [RealtimeGateway],
})
export class RealtimeModule {}
