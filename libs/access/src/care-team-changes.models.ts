import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Discipline, SensitivityLabel, TeamRole } from '@roundtable/contracts';
import { CareTeamChangeKind } from '@roundtable/care-team';
import { Person } from './consent.models';

@ObjectType({
  description:
    "One change to a participant's care team (PRODUCT.md rule 10: the participant sees every change): who joined or left, who made the change and when, and what the member sees.",
})
export class CareTeamChangeRecord {
  @Field(() => ID) id!: string;
  @Field(() => CareTeamChangeKind) kind!: CareTeamChangeKind;
  @Field({ description: 'When the change was made.' }) changedAt!: Date;
  @Field({ description: 'When it takes (or took) effect: the start of the membership, or its end.' })
  effectiveAt!: Date;
  @Field(() => Date, { nullable: true, description: 'For a join with a known end: when the membership ends.' })
  until!: Date | null;
  @Field(() => ID, { description: 'The membership this change belongs to.' }) membershipId!: string;
  @Field(() => Person, { description: 'Who joined or left.' }) member!: Person;
  @Field(() => Discipline, {
    nullable: true,
    description: "The member's discipline at the time; empty for support persons.",
  })
  discipline!: Discipline | null;
  @Field(() => TeamRole, { description: "The member's role on this team." }) teamRole!: TeamRole;
  @Field(() => Person, { nullable: true, description: 'Who made the change (empty for records older than this log).' })
  changedBy!: Person | null;
  @Field(() => [SensitivityLabel], {
    description: "Labels the member's discipline sees by default on this team (substance use is never a default).",
  })
  defaultLabels!: SensitivityLabel[];
  @Field(() => [SensitivityLabel], {
    description:
      "Further labels the member sees now through the participant's own grants, while still on the team. Only the participant is shown this; for anyone else it is empty.",
  })
  grantedLabels!: SensitivityLabel[];
}
