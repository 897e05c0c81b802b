import { Field, ID, ObjectType } from '@nestjs/graphql';
import { CareTeamMember } from '@roundtable/care-team';
import { OneTimeCode } from '@roundtable/identity';

@ObjectType({ description: 'A support person added to the care team, and the code they use to set up their sign-in.' })
export class SupportPersonInvitation {
  @Field(() => CareTeamMember) member!: CareTeamMember;
  @Field(() => OneTimeCode, { description: 'Inert until a second staff member approves it (rule 1).' })
  setup!: OneTimeCode;
  @Field(() => ID, { description: 'The set-up code to approve with approveSignInSetupCode.' }) setupCodeId!: string;
}
