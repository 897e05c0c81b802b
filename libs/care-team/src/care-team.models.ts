import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Discipline, TeamRole } from '@roundtable/contracts';
import { ContactMode } from './care-team.entities';

registerEnumType(TeamRole, { name: 'TeamRole', description: "A member's role on one participant's care team." });
registerEnumType(ContactMode, {
  name: 'ContactMode',
  description: 'How a team member and the participant were in touch.',
});

@ObjectType({ description: "A person on a participant's care team, for a period." })
export class CareTeamMember {
  @Field(() => ID, { description: 'The membership (not the account).' }) membershipId!: string;
  @Field(() => ID) accountId!: string;
  @Field() displayName!: string;
  @Field(() => Discipline, { nullable: true, description: 'Empty for support persons.' })
  discipline!: Discipline | null;
  @Field(() => TeamRole) teamRole!: TeamRole;
  @Field() since!: Date;
  @Field(() => Date, { nullable: true, description: 'When the membership ends or ended; empty while open-ended.' })
  until!: Date | null;
}

export enum CareTeamChangeKind {
  JOINED = 'JOINED',
  LEFT = 'LEFT',
}
registerEnumType(CareTeamChangeKind, { name: 'CareTeamChangeKind' });

@ObjectType({ description: 'One change to a care team: who joined or left, when, and who made the change.' })
export class CareTeamChange {
  @Field(() => CareTeamChangeKind) kind!: CareTeamChangeKind;
  @Field() at!: Date;
  @Field(() => CareTeamMember) member!: CareTeamMember;
  @Field(() => String, { nullable: true, description: 'Who made the change.' }) changedBy!: string | null;
}

@ObjectType({ description: 'The person a plan is about. Visible to their care team and to themselves.' })
export class Participant {
  @Field(() => ID) id!: string;
  @Field({ description: 'The name they want to be called; no legal name is needed.' }) preferredName!: string;
  @Field(() => String, { nullable: true }) pronouns!: string | null;
  @Field() createdAt!: Date;
  @Field({ description: 'For optimistic concurrency: pass as expectedVersion when editing.' }) version!: number;
}

@ObjectType({ description: 'A recorded contact with the participant.' })
export class Contact {
  @Field(() => ID) id!: string;
  @Field(() => ContactMode) mode!: ContactMode;
  @Field() at!: Date;
  @Field({ description: 'Who was in touch.' }) recordedBy!: string;
}

@ObjectType({ description: "A participant on the signed-in staff member's caseload." })
export class CaseloadEntry {
  @Field(() => Participant) participant!: Participant;
  @Field(() => TeamRole) teamRole!: TeamRole;
  @Field(() => Date, { nullable: true, description: 'The latest contact anyone on the team recorded.' })
  lastContactAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'My latest recorded contact.' })
  myLastContactAt!: Date | null;
}

@ObjectType({
  description: 'A program roster line for supervisors and administrators: a name and a care team, no plan content.',
})
export class RosterEntry {
  @Field(() => ID) participantId!: string;
  @Field() preferredName!: string;
  @Field(() => [CareTeamMember]) careTeam!: CareTeamMember[];
}
