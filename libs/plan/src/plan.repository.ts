import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { AccountKind, SensitivityLabel } from '@roundtable/contracts';
import { preparedRead } from '@roundtable/platform';
import { entityFromJson } from './entity-from-json';
import { GoalEntity, OfferEntity, PlanEntity, StageRatingEntity, StepEntity, StrategyEntity } from './plan.entities';
import type { StricterItemKind } from './plan.models';
import { WrittenWithYouEntity } from './written-with-you.entities';

/**
 * The whole plan as a viewer with labels $2 may see it, and every name it shows, in one
 * statement (issue 18; `visibleItems` and friends took eight): each table filtered by label
 * in SQL exactly as they filter it (rules 10, 11), in the same order, as JSON. Stage ratings
 * of a tie in time go newest id first. Names and ratings are looked up as `= ANY(ARRAY(…))`:
 * with `IN (subquery)` the generic plan guessed dozens of ids and hashed the whole account
 * table for the eleven names a plan shows (issue 18: with the bench's 3,020 accounts, 0.84 →
 * 0.57 ms a plan). `json`, not `jsonb`: the text goes straight to the driver, which parses it
 * either way, and `jsonb` first builds and then prints a binary value (issue 18, `pgbench -M
 * prepared` on a bench plan: 0.36 → 0.24 ms a statement).
 */
export const WHOLE_PLAN_SQL = `WITH p AS (SELECT * FROM plan WHERE participant_id = $1),
        g AS (SELECT * FROM goal WHERE participant_id = $1 AND label = ANY($2)),
        s AS (SELECT * FROM step WHERE participant_id = $1 AND label = ANY($2)),
        st AS (SELECT * FROM strategy WHERE participant_id = $1 AND label = ANY($2)),
        o AS (SELECT * FROM offer WHERE participant_id = $1 AND label = ANY($2)),
        e AS (SELECT * FROM written_with_you WHERE participant_id = $1 AND status = $3 AND label = ANY($2)),
        r AS (SELECT * FROM goal_stage_rating WHERE goal_id = ANY(ARRAY(SELECT id FROM g)) AND NOT by_participant)
   SELECT (SELECT to_json(p) FROM p) AS plan,
          (SELECT coalesce(json_agg(to_json(g) ORDER BY g.added_order), '[]') FROM g) AS goals,
          (SELECT coalesce(json_agg(to_json(s) ORDER BY s.added_order), '[]') FROM s) AS steps,
          (SELECT coalesce(json_agg(to_json(st) ORDER BY st.added_order), '[]') FROM st) AS strategies,
          (SELECT coalesce(json_agg(to_json(o) ORDER BY o.added_order), '[]') FROM o) AS offers,
          (SELECT coalesce(json_agg(to_json(e) ORDER BY e.created_at, e.id), '[]') FROM e) AS entries,
          (SELECT coalesce(json_agg(to_json(r) ORDER BY r.at DESC, r.id DESC), '[]') FROM r) AS ratings,
          (SELECT coalesce(json_agg(json_build_object('id', a.id, 'displayName', a.display_name, 'kind', a.kind)), '[]')
             FROM account a WHERE a.id = ANY(ARRAY(
               SELECT vision_written_with FROM p UNION SELECT expressed_by FROM g UNION SELECT written_with FROM g
               UNION SELECT rated_by FROM r UNION SELECT assignee FROM s UNION SELECT created_by FROM s
               UNION SELECT added_by FROM st UNION SELECT offered_by FROM o UNION SELECT written_by FROM e))) AS accounts,
          (SELECT preferred_name FROM participant WHERE id = $1) AS participant_name`;

/** The plan items read whole, each filtered by label in SQL. */
type LabelledItem = typeof GoalEntity | typeof StepEntity | typeof StrategyEntity | typeof OfferEntity;

/**
 * The rows a plan read shows, as PlanReader reads them: the SQL lives here and the reader
 * keeps what a viewer sees of them (issue 15, "one persistence idiom"). Every item is
 * filtered by label in SQL, so nothing a viewer may not see leaves the database (PRODUCT.md
 * rules 10, 11), and each table is one statement whatever the plan's size.
 */
export class PlanRepository {
  constructor(private readonly manager: EntityManager) {}

  plan(participantId: string): Promise<PlanEntity | null> {
    return this.manager.findOneBy(PlanEntity, { participantId });
  }

  /**
   * A participant's items of one kind under the given labels, in the order they were added
   * (PlanAddedOrder migration): a tie on creation time must not let a random id reorder a
   * plan between two reads or two printouts.
   */
  visibleItems<T extends InstanceType<LabelledItem>>(
    entity: new () => T,
    participantId: string,
    visible: SensitivityLabel[],
  ): Promise<T[]> {
    return this.manager
      .getRepository<T>(entity)
      .createQueryBuilder('row')
      .where('row.participant_id = :participantId AND row.label = ANY(:visible)', { participantId, visible })
      .orderBy('row.added_order')
      .getMany();
  }

  /** The whole plan as a viewer with these labels may see it (WHOLE_PLAN_SQL), turned back into the same entities. */
  async wholePlan(participantId: string, labels: SensitivityLabel[], waiting: string): Promise<WholePlanRows> {
    const [row] = await preparedRead<WholePlanJson>(this.manager, WHOLE_PLAN_SQL, [participantId, labels, waiting]);
    const source = this.manager.connection;
    const all = <T extends ObjectLiteral>(entity: EntityTarget<T>, rows: Record<string, unknown>[]) =>
      rows.map((json) => entityFromJson(source, entity, json));
    return {
      rows: {
        plan: row.plan && entityFromJson(source, PlanEntity, row.plan),
        goals: all(GoalEntity, row.goals),
        ratings: all(StageRatingEntity, row.ratings),
        steps: all(StepEntity, row.steps),
        strategies: all(StrategyEntity, row.strategies),
        offers: all(OfferEntity, row.offers),
        entries: all(WrittenWithYouEntity, row.entries),
      },
      accounts: row.accounts,
      participantName: row.participant_name,
    };
  }

  /** Staff stage ratings of the given goals, newest first (the participant's is the goal's stage). */
  staffRatings(goalIds: string[]): Promise<StageRatingEntity[]> {
    return this.manager
      .getRepository(StageRatingEntity)
      .createQueryBuilder('row')
      .where('row.goal_id = ANY(:goalIds) AND NOT row.by_participant', { goalIds })
      .orderBy('row.at', 'DESC')
      .addOrderBy('row.id', 'DESC')
      .getMany();
  }

  /** A goal's label, to judge whether a step's link to it may be shown. */
  /**
   * One step with its goal's label and the names of whoever it is assigned to and who wrote
   * it, in one statement: what a step mutation answers with (issue 18).
   */
  async stepWithNames(id: string): Promise<StepWithNames | undefined> {
    // Raw and prepared (issue 18): the ORM's query builder was 3 % of the API's CPU at full
    // size, and this runs for every step edit. `target_date::text` keeps the entity's
    // 'YYYY-MM-DD' string (pg would make a local Date of a date column).
    const [row] = await preparedRead<StepEntity & StepNamesRow>(
      this.manager,
      `SELECT step.id, step.participant_id AS "participantId", step.goal_id AS "goalId", step.text, step.label,
              step.assignee, step.assigned_to_participant AS "assignedToParticipant",
              step.target_date::text AS "targetDate", step.done_at AS "doneAt", step.created_by AS "createdBy",
              step.created_at AS "createdAt", step.version,
              goal.label AS goal_label, assignee.display_name AS assignee_name, assignee.kind AS assignee_kind,
              creator.display_name AS creator_name, creator.kind AS creator_kind
         FROM step
         LEFT JOIN goal ON goal.id = step.goal_id
         LEFT JOIN account assignee ON assignee.id = step.assignee
         LEFT JOIN account creator ON creator.id = step.created_by
        WHERE step.id = $1`,
      [id],
    );
    if (!row) return undefined;
    const { goal_label, assignee_name, assignee_kind, creator_name, creator_kind, ...step } = row;
    const accounts: AccountName[] = [];
    if (step.assignee && assignee_name !== null && assignee_kind !== null) {
      accounts.push({ id: step.assignee, displayName: assignee_name, kind: assignee_kind });
    }
    if (creator_name !== null && creator_kind !== null) {
      accounts.push({ id: step.createdBy, displayName: creator_name, kind: creator_kind });
    }
    return { step, goalLabel: goal_label, accounts };
  }

  async goalLabel(goalId: string): Promise<{ label: SensitivityLabel } | undefined> {
    const [goal] = (await this.manager.query('SELECT label FROM goal WHERE id = $1', [goalId])) as {
      label: SensitivityLabel;
    }[];
    return goal;
  }

  /** Which kind of item an id is (goal, step or offer), or undefined for an id none of them has. */
  async itemKind(itemId: string): Promise<StricterItemKind | undefined> {
    const [row]: { kind: StricterItemKind }[] = await this.manager.query(
      `SELECT 'GOAL' AS kind FROM goal WHERE id = $1
       UNION ALL SELECT 'STEP' FROM step WHERE id = $1
       UNION ALL SELECT 'OFFER' FROM offer WHERE id = $1`,
      [itemId],
    );
    return row?.kind;
  }

  /** Item id → its label now, across the given item tables (names PlanItemLabels checked). One statement. */
  labelsIn(
    tables: readonly string[],
    participantId: string,
    itemIds: string[],
  ): Promise<{ id: string; label: SensitivityLabel }[]> {
    return this.manager.query(
      tables
        .map((table) => `SELECT id, label FROM ${table} WHERE participant_id = $1 AND id = ANY($2::uuid[])`)
        .join(' UNION ALL '),
      [participantId, itemIds],
    );
  }

  /** The names of these accounts and of these participants (as their plan shows them), in one statement. */
  authorRows(accountIds: readonly string[], participantIds: readonly string[]): Promise<AuthorRow[]> {
    return this.manager.query(
      `SELECT id, display_name, kind, false AS is_participant_row FROM account WHERE id = ANY($1)
       UNION ALL
       SELECT id, preferred_name, 'PARTICIPANT', true FROM participant WHERE id = ANY($2)`,
      [accountIds, participantIds],
    );
  }

  /**
   * Steps assigned to a team member and not done, across every plan (or one), each with its
   * goal's label so a link to a goal the viewer may not see can be left out. Labels are
   * judged by the caller, who knows what the member sees in each plan.
   */
  openStepsAssignedTo(
    accountId: string,
    participantId: string | null,
  ): Promise<(StepEntity & { goalLabel: SensitivityLabel | null })[]> {
    return this.manager
      .getRepository(StepEntity)
      .createQueryBuilder('row')
      .leftJoin(GoalEntity, 'goal', 'goal.id = row.goal_id')
      .addSelect('goal.label', 'goal_label')
      .where('row.assignee = :accountId AND row.done_at IS NULL', { accountId })
      .andWhere('(CAST(:participantId AS uuid) IS NULL OR row.participant_id = :participantId)', { participantId })
      .orderBy('row.participant_id')
      .addOrderBy('row.added_order')
      .getRawAndEntities()
      .then(({ entities, raw }) =>
        entities.map((step, i) =>
          Object.assign(step, { goalLabel: (raw[i] as { goal_label: SensitivityLabel | null }).goal_label }),
        ),
      );
  }
}

/** An account's name, or (is_participant_row) a participant's preferred name. */
export interface AuthorRow {
  id: string;
  display_name: string;
  kind: AccountKind;
  is_participant_row: boolean;
}

export interface AccountName {
  id: string;
  displayName: string;
  kind: AccountKind;
}

export interface StepWithNames {
  step: StepEntity;
  /** Its goal's label, or null for a step toward no goal. */
  goalLabel: SensitivityLabel | null;
  /** The accounts it names that still exist (assignee, author). */
  accounts: AccountName[];
}

interface StepNamesRow {
  goal_label: SensitivityLabel | null;
  assignee_name: string | null;
  assignee_kind: AccountKind | null;
  creator_name: string | null;
  creator_kind: AccountKind | null;
}

/** Every row of one plan a viewer sees, by table (what PlanReader shows). */
export interface WholePlanRowSet {
  plan: PlanEntity | null;
  goals: GoalEntity[];
  ratings: StageRatingEntity[];
  steps: StepEntity[];
  strategies: StrategyEntity[];
  offers: OfferEntity[];
  entries: WrittenWithYouEntity[];
}

export interface WholePlanRows {
  rows: WholePlanRowSet;
  /** The accounts the rows name (those that still exist). */
  accounts: AccountName[];
  /** The participant's preferred name (null if there is no such participant). */
  participantName: string | null;
}

interface WholePlanJson {
  plan: Record<string, unknown> | null;
  goals: Record<string, unknown>[];
  ratings: Record<string, unknown>[];
  steps: Record<string, unknown>[];
  strategies: Record<string, unknown>[];
  offers: Record<string, unknown>[];
  entries: Record<string, unknown>[];
  accounts: AccountName[];
  participant_name: string | null;
}
