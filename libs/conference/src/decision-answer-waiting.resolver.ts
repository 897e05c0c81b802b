import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { DecisionStatus } from '@roundtable/contracts';
import { requestLoader, type GraphQLRequestContext } from '@roundtable/platform';
import { Decision, DecisionAnswerWaiting } from './conference.models';
import { DecisionsRepository } from './decisions.repository';

/**
 * Whether an answer written down with the participant waits for them (PRODUCT.md rule 3):
 * every attendee sees "agreed with them, waiting for their confirmation" instead of a bare
 * "waiting". It is shown exactly where the decision is: the entry carries the decision's
 * label, and only a decision still waiting can have one. One query per request, however
 * many decisions a screen shows.
 */
@Resolver(() => Decision)
export class DecisionAnswerWaitingResolver {
  constructor(private readonly decisions: DecisionsRepository) {}

  @ResolveField(() => DecisionAnswerWaiting, {
    nullable: true,
    description:
      'A team member wrote the participant’s answer down with them and it waits for the participant to confirm it (the latest, if more than one). Empty otherwise.',
  })
  answerWaiting(
    @Parent() decision: Decision,
    @Context() context: GraphQLRequestContext,
  ): Promise<DecisionAnswerWaiting | null> {
    if (decision.status !== DecisionStatus.WAITING_FOR_PARTICIPANT) return Promise.resolve(null);
    const loader = requestLoader(context.req, 'decisionAnswerWaiting', async (ids) => {
      const rows = await this.decisions.answersWaiting(ids);
      const byDecision = new Map(rows.map((row) => [row.decision_id, row]));
      return ids.map((id) => {
        const row = byDecision.get(id);
        return row
          ? {
              agree: row.agree,
              recordedAt: row.recorded_at,
              recordedBy: { accountId: row.account_id, displayName: row.display_name, isParticipant: false },
            }
          : null;
      });
    });
    return loader.load(decision.id);
  }
}
