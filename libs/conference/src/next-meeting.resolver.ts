import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { AccountKind } from '@roundtable/contracts';
import { CurrentActor, type Actor } from '@roundtable/identity';
import { AuditTrail, DEFAULT_LABELS_BY_DISCIPLINE, VisibilityPolicy } from '@roundtable/access';
import { CaseloadEntry } from '@roundtable/care-team';
import { requestLoader, type GraphQLRequestContext } from '@roundtable/platform';
import { CONFERENCE_LABEL } from './conference-access';
import { NextMeeting } from './conference.models';
import { ConferenceRepository } from './conference.repository';

/**
 * Each caseload line's next meeting, for the whole caseload in one statement (the home screen
 * used to ask every participant's conferences in turn, reading and auditing each one). Only the
 * time is given: the conference record is GENERAL content (CONFERENCE_LABEL), so someone who does
 * not see that label in a participant's plan gets no next meeting at all (PRODUCT.md rule 11).
 * The caseload itself already holds only participants whose care team the viewer is on (rule 10).
 * Each meeting time given is audited as a GENERAL read of that plan (rule 12).
 */
@Resolver(() => CaseloadEntry)
export class NextMeetingResolver {
  constructor(
    private readonly visibility: VisibilityPolicy,
    private readonly audit: AuditTrail,
    private readonly conferences: ConferenceRepository,
  ) {}

  @ResolveField(() => NextMeeting, {
    nullable: true,
    description: 'The earliest conference not yet closed (it may be under way). Empty when there is none.',
  })
  nextMeeting(
    @Parent() entry: CaseloadEntry,
    @CurrentActor() actor: Actor,
    @Context() context: GraphQLRequestContext,
  ): Promise<NextMeeting | null> {
    const loader = requestLoader(context.req, 'caseloadNextMeeting', async (participantIds) => {
      const seen = await this.participantsSeeingConferences(actor, participantIds);
      const rows = await this.conferences.nextOpenConferences([...seen]);
      const byParticipant = new Map(rows.map((row) => [row.participant_id, row]));
      // A meeting time read is a read of the plan's GENERAL content (rule 12), as the conferences
      // list audits it. Written here, not touched: this field resolves after the caseload
      // operation's audit scope has closed, so a touch would be lost.
      await this.audit.record(
        ...[...byParticipant.keys()].map((id) => ({
          participantId: id,
          actor: actor.accountId,
          action: 'caseload',
          kind: 'READ' as const,
          labels: [CONFERENCE_LABEL],
        })),
      );
      return participantIds.map((id) => {
        const row = byParticipant.get(id);
        return row
          ? { conferenceId: row.id, scheduledFor: row.scheduled_for, timeZone: row.time_zone, status: row.status }
          : null;
      });
    });
    return loader.load(entry.participant.id);
  }

  /**
   * Who of these participants the viewer sees conferences of. Every staff discipline sees
   * GENERAL by default, so usually all of them without a query; otherwise (a staff member with
   * no discipline, who sees only what was granted) one visibility answer per participant.
   */
  private async participantsSeeingConferences(actor: Actor, participantIds: readonly string[]): Promise<Set<string>> {
    if (actor.kind === AccountKind.STAFF && actor.discipline) {
      if (DEFAULT_LABELS_BY_DISCIPLINE[actor.discipline].includes(CONFERENCE_LABEL)) return new Set(participantIds);
    }
    const seen = new Set<string>();
    for (const id of participantIds) {
      if ((await this.visibility.visibleLabels(actor, id)).has(CONFERENCE_LABEL)) seen.add(id);
    }
    return seen;
  }
}
