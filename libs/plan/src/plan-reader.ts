import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccountKind, ExpressedByKind, GoalOption, SensitivityLabel } from '@roundtable/contracts';
import { groupBy, mustGet } from '@roundtable/platform';
import { checkLanguage } from './language/language-hints';
import { GoalEntity, OfferEntity, StageRatingEntity, StepEntity, StrategyEntity } from './plan.entities';
import type { Author, EntryToConfirm, Goal, LanguageHint, Offer, Plan, Step, Strategy } from './plan.models';
import type { PlanViewer } from './plan-access';
import { PlanRepository, type AccountName, type StepWithNames, type WholePlanRowSet } from './plan.repository';
import { WrittenWithYouKind, WrittenWithYouStatus, type WrittenWithYouEntity } from './written-with-you.entities';
import { waitingEntries } from './written-with-you.service';

/** Account ids → authors, for everything one read shows. */
export class Authors {
  constructor(
    private readonly byId: Map<string, Author>,
    /** The participant themselves, for words that are theirs even without an account. */
    readonly participant: Author,
  ) {}

  /** One query for every name a read shows, the participant's included. */
  static async load(
    dataSource: DataSource,
    participantId: string,
    ids: Iterable<string | null | undefined>,
  ): Promise<Authors> {
    return mustGet(await Authors.loadAcross(dataSource, [participantId], ids), participantId);
  }

  /**
   * Authors for several plans in one query (a caseload's "waiting for you"): participant id →
   * the names its rows show, the participant's own included.
   */
  static async loadAcross(
    dataSource: DataSource,
    participantIds: readonly string[],
    ids: Iterable<string | null | undefined>,
  ): Promise<Map<string, Authors>> {
    const unique = [...new Set([...ids].filter((id): id is string => Boolean(id)))];
    const rows = await new PlanRepository(dataSource.manager).authorRows(unique, participantIds);
    const accounts = new Map(
      rows
        .filter((row) => !row.is_participant_row)
        .map((row) => [
          row.id,
          { accountId: row.id, displayName: row.display_name, isParticipant: row.kind === AccountKind.PARTICIPANT },
        ]),
    );
    const names = new Map(rows.filter((row) => row.is_participant_row).map((row) => [row.id, row.display_name]));
    return new Map(
      participantIds.map((id) => [
        id,
        new Authors(accounts, { accountId: null, displayName: names.get(id) ?? 'Participant', isParticipant: true }),
      ]),
    );
  }

  /**
   * Authors from account names a read already joined (no statement of its own). For reads that
   * show only account names, never the participant's own name (a step's answer, metrics).
   */
  static fromAccounts(accounts: readonly AccountName[], participantName: string | null = null): Authors {
    const byId = new Map(
      accounts.map((account): [string, Author] => [
        account.id,
        {
          accountId: account.id,
          displayName: account.displayName,
          isParticipant: account.kind === AccountKind.PARTICIPANT,
        },
      ]),
    );
    return new Authors(byId, { accountId: null, displayName: participantName ?? 'Participant', isParticipant: true });
  }

  get(id: string): Author {
    return this.byId.get(id) ?? { accountId: id, displayName: 'Former team member', isParticipant: false };
  }

  maybe(id: string | null): Author | null {
    return id ? this.get(id) : null;
  }
}

/** Hints only on what staff wrote; never on the participant’s own words. */
function staffHints(author: Author, text: string, label: SensitivityLabel): LanguageHint[] {
  return author.isParticipant ? [] : checkLanguage(text, label).hints;
}

/** Every row of one plan a viewer sees, by table; `entries` are those written with the participant and waiting for them. */
export type PlanRows = WholePlanRowSet;

/**
 * Reads a whole plan as one viewer may see it, in a fixed number of SQL statements
 * whatever its size (one per table, all filtered by label in SQL, then one for names).
 * Ranks are computed over the visible goals only, so a hidden goal leaves no gap.
 */
@Injectable()
export class PlanReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The same rows table by table (up to eight statements): what `loadTableByTable`, the
   * reference the one-statement read (`loadWithRows`) is checked against by the seeded
   * differential test (tests/e2e/plan-reader-differential.spec.ts), reads.
   */
  async rows(participantId: string, labels: Set<SensitivityLabel>): Promise<PlanRows> {
    const visible = [...labels];
    const repository = new PlanRepository(this.dataSource.manager);
    const [plan, goals, steps, strategies, offers, entries] = await Promise.all([
      repository.plan(participantId),
      repository.visibleItems(GoalEntity, participantId, visible),
      repository.visibleItems(StepEntity, participantId, visible),
      repository.visibleItems(StrategyEntity, participantId, visible),
      repository.visibleItems(OfferEntity, participantId, visible),
      waitingEntries(this.dataSource, participantId, labels),
    ]);
    const goalIds = goals.map((goal) => goal.id);
    const ratings = goalIds.length ? await repository.staffRatings(goalIds) : [];
    return { plan, goals, ratings, steps, strategies, offers, entries };
  }

  async load(viewer: PlanViewer): Promise<Plan> {
    return (await this.loadWithRows(viewer)).plan;
  }

  /** The plan read table by table, then its names (ten statements): the differential test's reference. */
  async loadTableByTable(viewer: PlanViewer): Promise<Plan> {
    const rows = await this.rows(viewer.participantId, viewer.labels);
    const authors = await Authors.load(this.dataSource, viewer.participantId, [
      rows.plan?.visionWrittenWith,
      ...rows.goals.flatMap((g) => [g.expressedBy, g.writtenWith]),
      ...rows.ratings.map((r) => r.ratedBy),
      ...rows.steps.flatMap((s) => [s.assignee, s.createdBy]),
      ...rows.strategies.map((s) => s.addedBy),
      ...rows.offers.map((o) => o.offeredBy),
      ...rows.entries.map((e) => e.writtenBy),
    ]);
    return toPlan(viewer, rows, authors);
  }

  /**
   * The plan as the viewer sees it, with the rows it was read from (for what only the server
   * judges), in one statement with every name it shows (PlanRepository.wholePlan).
   */
  async loadWithRows(viewer: PlanViewer): Promise<{ plan: Plan; rows: PlanRows }> {
    const { rows, accounts, participantName } = await new PlanRepository(this.dataSource.manager).wholePlan(
      viewer.participantId,
      [...viewer.labels],
      WrittenWithYouStatus.WAITING,
    );
    const authors = Authors.fromAccounts(accounts, participantName);
    return { plan: toPlan(viewer, rows, authors), rows };
  }
}

/**
 * The answer of a step mutation: one step as the viewer sees it, from the one statement that
 * read it with its goal's label and the names it shows (PlanRepository.stepWithNames), never
 * the whole plan. The caller has checked the viewer may see the step's own label.
 */
export function toStepAnswer(viewer: PlanViewer, { step, goalLabel, accounts }: StepWithNames): Step {
  // A step shows only account names (toStep); the participant's own name is never needed here.
  const authors = Authors.fromAccounts(accounts);
  // A link to a goal the viewer cannot see is not shown: it would reveal that the goal exists.
  return { ...toStep(step, authors), goalId: goalLabel && viewer.labels.has(goalLabel) ? step.goalId : null };
}

export function toStep(step: StepEntity, authors: Authors): Step {
  const createdBy = authors.get(step.createdBy);
  return {
    id: step.id,
    participantId: step.participantId,
    goalId: step.goalId,
    text: step.text,
    label: step.label,
    forParticipant: step.assignedToParticipant,
    assignee: step.assignedToParticipant ? null : authors.maybe(step.assignee),
    targetDate: step.targetDate,
    done: step.doneAt !== null,
    doneAt: step.doneAt,
    createdBy,
    languageHints: staffHints(createdBy, step.text, step.label),
    version: step.version,
  };
}

export function toStrategy(strategy: StrategyEntity, authors: Authors): Strategy {
  const addedBy = authors.get(strategy.addedBy);
  return { ...strategy, addedBy, languageHints: staffHints(addedBy, strategy.text, strategy.label) };
}

export function toOffer(offer: OfferEntity, authors: Authors): Offer {
  const offeredBy = authors.get(offer.offeredBy);
  return {
    ...offer,
    offeredBy,
    languageHints: [offer.text, offer.withheldReason ?? ''].flatMap((text) => staffHints(offeredBy, text, offer.label)),
  };
}

export function toEntry(entry: WrittenWithYouEntity, authors: Authors): EntryToConfirm {
  return { ...entry, writtenBy: authors.get(entry.writtenBy) };
}

function toPlan(viewer: PlanViewer, rows: PlanRows, authors: Authors): Plan {
  const seesVision = viewer.labels.has(SensitivityLabel.GENERAL);
  // A link to a goal the viewer cannot see is not shown: it would reveal that the goal exists.
  const visibleGoals = new Set(rows.goals.map((goal) => goal.id));
  const visibleGoal = (id: string | null) => (id && visibleGoals.has(id) ? id : null);
  const stepsByGoal = groupBy(
    rows.steps.map((step): Step => ({ ...toStep(step, authors), goalId: visibleGoal(step.goalId) })),
    (step) => step.goalId,
  );
  const ranked = rows.goals
    .filter((goal): goal is typeof goal & { priority: number } => goal.priority !== null)
    .sort((a, b) => a.priority - b.priority || a.id.localeCompare(b.id));
  const rankOf = new Map(ranked.map((goal, index) => [goal.id, index + 1]));
  const goals: Goal[] = rows.goals
    .map((goal) => {
      const expressedBy = goal.expressedBy ? authors.get(goal.expressedBy) : authors.participant;
      return {
        ...goal,
        expressedBy,
        writtenWith: authors.maybe(goal.writtenWith),
        rank: rankOf.get(goal.id) ?? null,
        isAbstinenceGoal: goal.options.includes(GoalOption.ABSTINENCE),
        staffStages: latestPerRater(rows.ratings.filter((r) => r.goalId === goal.id)).map((r) => ({
          stage: r.stage,
          ratedBy: authors.get(r.ratedBy),
          at: r.at,
        })),
        replacementStrategyIds: goal.replacementStrategyIds.filter((id) => rows.strategies.some((s) => s.id === id)),
        steps: stepsByGoal.get(goal.id) ?? [],
        languageHints:
          goal.expressedByKind === ExpressedByKind.TEAM_MEMBER ? staffHints(expressedBy, goal.text, goal.label) : [],
      };
    })
    .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity));
  const waitingVision = rows.entries.filter((entry) => entry.kind === WrittenWithYouKind.VISION).at(-1);
  return {
    participantId: viewer.participantId,
    entriesWaiting: rows.entries.map((entry) => toEntry(entry, authors)),
    // The vision is general content; its version moves only with it.
    vision: seesVision
      ? {
          text: rows.plan?.vision ?? '',
          writtenWith: authors.maybe(rows.plan?.visionWrittenWith ?? null),
          updatedAt: rows.plan?.visionUpdatedAt ?? null,
          waitingEntry: waitingVision ? toEntry(waitingVision, authors) : null,
        }
      : null,
    goals,
    looseSteps: stepsByGoal.get(null) ?? [],
    strategies: rows.strategies.map((strategy) => toStrategy(strategy, authors)),
    // A participant who hid an offer does not see it again; the team still does.
    offers: rows.offers
      .filter((offer) => !(viewer.isParticipant && offer.hiddenByParticipant))
      .map((offer) => ({ ...toOffer(offer, authors), goalId: visibleGoal(offer.goalId) })),
    version: seesVision ? (rows.plan?.version ?? 1) : null,
    rankingVersion: viewer.isParticipant ? (rows.plan?.rankingVersion ?? 1) : null,
  };
}

function latestPerRater(ratings: StageRatingEntity[]): StageRatingEntity[] {
  const seen = new Set<string>();
  return ratings.filter((rating) => !seen.has(rating.ratedBy) && seen.add(rating.ratedBy));
}
