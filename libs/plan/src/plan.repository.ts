import type { EntityManager } from 'typeorm';
import type { AccountKind, SensitivityLabel } from '@roundtable/contracts';
import { GoalEntity, OfferEntity, PlanEntity, StageRatingEntity, StepEntity, StrategyEntity } from './plan.entities';
import type { StricterItemKind } from './plan.models';

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

  /** Staff stage ratings of the given goals, newest first (the participant's is the goal's stage). */
  staffRatings(goalIds: string[]): Promise<StageRatingEntity[]> {
    return this.manager
      .getRepository(StageRatingEntity)
      .createQueryBuilder('row')
      .where('row.goal_id = ANY(:goalIds) AND NOT row.by_participant', { goalIds })
      .orderBy('row.at', 'DESC')
      .getMany();
  }

  /** A goal's label, to judge whether a step's link to it may be shown. */
  /**
   * One step with its goal's label and the names of whoever it is assigned to and who wrote
   * it, in one statement: what a step mutation answers with (issue 18).
   */
  async stepWithNames(id: string): Promise<StepWithNames | undefined> {
    const { entities, raw } = await this.manager
      .getRepository(StepEntity)
      .createQueryBuilder('row')
      .leftJoin(GoalEntity, 'goal', 'goal.id = row.goal_id')
      .leftJoin('account', 'assignee', 'assignee.id = row.assignee')
      .leftJoin('account', 'creator', 'creator.id = row.created_by')
      .addSelect('goal.label', 'goal_label')
      .addSelect('assignee.display_name', 'assignee_name')
      .addSelect('assignee.kind', 'assignee_kind')
      .addSelect('creator.display_name', 'creator_name')
      .addSelect('creator.kind', 'creator_kind')
      .where('row.id = :id', { id })
      .getRawAndEntities();
    const [step] = entities;
    if (!step) return undefined;
    const names = raw[0] as StepNamesRow;
    const accounts: AccountName[] = [];
    if (step.assignee && names.assignee_name !== null) {
      accounts.push({ id: step.assignee, displayName: names.assignee_name, kind: names.assignee_kind! });
    }
    if (names.creator_name !== null) {
      accounts.push({ id: step.createdBy, displayName: names.creator_name, kind: names.creator_kind! });
    }
    return { step, goalLabel: names.goal_label, accounts };
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
