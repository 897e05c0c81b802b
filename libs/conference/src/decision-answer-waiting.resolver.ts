import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DecisionStatus } from '@roundtable/contracts';
import { requestLoader, type GraphQLRequestContext } from '@roundtable/platform';
import { WrittenWithYouKind, WrittenWithYouStatus } from '@roundtable/plan';
import { Decision, DecisionAnswerWaiting } from './conference.models';

interface WaitingRow {
  decision_id: string;
  agree: boolean;
  recorded_at: Date;
  account_id: string;
  display_name: string;
}

/**
 * Whether an answer written down with the participant waits for them (PRODUCT.md rule 3):
 * every attendee sees "agreed with them, waiting for their confirmation" instead of a bare
 * "waiting". It is shown exactly where the decision is: the entry carries the decision's
 * label, and only a decision still waiting can have one. One query per request, however
 * many decisions a screen shows.
 */
@Resolver(() => Decision)
export class DecisionAnswerWaitingResolver {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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
      const rows: WaitingRow[] = await this.dataSource.query(
        `SELECT DISTINCT ON (w.target_id) w.target_id AS decision_id, (w.payload->>'agree')::boolean AS agree,
                w.created_at AS recorded_at, a.id AS account_id, a.display_name
           FROM written_with_you w
           JOIN decision d ON d.id = w.target_id AND d.label = w.label AND d.status = $4
           JOIN account a ON a.id = w.written_by
          WHERE w.kind = $1 AND w.status = $2 AND w.target_id = ANY($3)
          ORDER BY w.target_id, w.created_at DESC`,
        [WrittenWithYouKind.DECISION_ANSWER, WrittenWithYouStatus.WAITING, ids, DecisionStatus.WAITING_FOR_PARTICIPANT],
      );
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
