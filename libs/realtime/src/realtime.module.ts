import { Module } from '@nestjs/common';
import { AccessModule } from '@roundtable/access';
import { IdentityModule } from '@roundtable/identity';
import { RealtimeGateway } from './realtime.gateway';

@Module({ imports: [IdentityModule, AccessModule], providers: [RealtimeGateway], exports: [RealtimeGateway] })
export class RealtimeModule {}
