import { Module } from '@nestjs/common';
import { CareTeamModule } from '@roundtable/care-team';
import { IdentityModule } from '@roundtable/identity';
import { CompartmentPolicy } from './compartment.policy';
import { ParticipantsResolver } from './participants.resolver';
import { ParticipantsService } from './participants.service';
import { VisibilityPolicy } from './visibility.policy';

@Module({
  imports: [IdentityModule, CareTeamModule],
  providers: [CompartmentPolicy, VisibilityPolicy, ParticipantsService, ParticipantsResolver],
  exports: [CompartmentPolicy, VisibilityPolicy],
})
export class AccessModule {}
