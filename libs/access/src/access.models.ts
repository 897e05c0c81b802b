import { Field, ObjectType } from '@nestjs/graphql';
import { CareTeamMember } from '@roundtable/care-team';
import { OneTimeCode } from '@roundtable/identity';

@ObjectType({ description: 'A support person added to the care team, and the code they use to set up their sign-in.' })
export class SupportPersonInvitation {
  @Field(() => CareTeamMember) member!: CareTeamMember;
  @Field(() => OneTimeCode) setup!: OneTimeCode;
}
