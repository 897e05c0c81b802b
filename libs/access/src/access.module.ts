import { Module } from '@nestjs/common';
import { CareTeamModule } from '@roundtable/care-team';
import { IdentityModule } from '@roundtable/identity';
import { CompartmentPolicy } from './compartment.policy';
import { ParticipantsResolver } from './participants.resolver';
import { ParticipantsService } from './participants.service';

@Module({
  imports: [IdentityModule, CareTeamModule],
  providers: [CompartmentPolicy, ParticipantsService, ParticipantsResolver],
  exports: [CompartmentPolicy],
})
export class AccessModule {}
