import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccountKind, GoalLifecycle, OfferStatus, SensitivityLabel } from '@roundtable/contracts';
import { actorOfAccount, CompartmentPolicy, ConsentService, VisibilityPolicy } from '@roundtable/access';
import { AccountEntity } from '@roundtable/identity';
import { CurrentActor, type Actor } from '@roundtable/identity';
import {
  badUserInput,
  changeOnce,
  changeOnceAnswering,
  Clock,
  notFound,
  IdPipe,
  Permission,
} from '@roundtable/platform';
import { isCheckInDue } from './check-in-rhythm';
import { GoalRankingService } from './goal-ranking.service';
import { GoalsService } from './goals.service';
import { checkLanguage } from './language/language-hints';
import { PlanAccess } from './plan-access';
import { PlanItemsService } from './plan-items.service';
import { StageRatingsService } from './stage-ratings.service';
import { VisionService } from './vision.service';
import { GoalEntity, OfferEntity, StepEntity, StrategyEntity } from './plan.entities';
import {
  AddStepInput,
  AddStrategyInput,
  CheckInOnStrategyInput,
  ConfirmWrittenWithYouInput,
  ExpressGoalInput,
  GoalVersionInput,
  HideOfferInput,
  MakeItemStricterInput,
  MakeOfferInput,
  ProposeGoalInput,
  RankGoalsInput,
  RateStageInput,
  RecordWithheldResourceInput,
  RespondToOfferInput,
  SetGoalLifecycleInput,
  SetStepDoneInput,
  UpdateGoalInput,
  UpdateStrategyInput,
  UpdateVisionInput,
} from './plan.inputs';
import {
  EntryToConfirm,
  Goal,
  LanguageCheck,
  Offer,
  Plan,
  Step,
  Strategy,
  StricterItem,
  StricterItemKind,
  Timeline,
  WaitingForYou,
} from './plan.models';
import { Authors, PlanReader, toEntry, toOffer, toStepAnswer } from './plan-reader';
import { PlanRepository } from './plan.repository';
import { WrittenWithYouEntity } from './written-with-you.entities';
import { WrittenWithYouService } from './written-with-you.service';
import { StepsForYouReader } from './steps-for-you.reader';
import { TimelineService } from './timeline.service';

type Row = { id: string; participantId: string };

/** The shared participant plan: reads filtered for the viewer, writes through the services. */
@Resolver(() => Plan)
export class PlanResolver {
  constructor(
    private readonly access: PlanAccess,
    private readonly compartment: CompartmentPolicy,
    private readonly reader: PlanReader,
    private readonly vision: VisionService,
    private readonly goals: GoalsService,
    private readonly ranking: GoalRankingService,
    private readonly stageRatings: StageRatingsService,
    private readonly items: PlanItemsService,
    private readonly timelines: TimelineService,
    private readonly consent: ConsentService,
    private readonly visibility: VisibilityPolicy,
    private readonly writtenWithYou: WrittenWithYouService,
    private readonly stepsForYou: StepsForYouReader,
    private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  private async planFor(actor: Actor, participantId: string): Promise<Plan> {
    return this.reader.load(await this.access.viewer(actor, participantId));
  }

  /** Re-reads a changed item as the actor sees it (the answer of every mutation). */
  private async reread<T extends { id: string }>(
    actor: Actor,
    entity: new () => Row,
    id: string,
    pick: (plan: Plan) => T[],
  ): Promise<T> {
    const row = await this.dataSource.getRepository(entity).findOneBy({ id });
    if (!row) throw notFound();
    const found = pick(await this.planFor(actor, row.participantId)).find((item) => item.id === id);
    if (!found) throw notFound();
    return found;
  }

  /**
   * A step mutation's answer: the step alone, read in one statement with its goal's label and
   * names (the whole-plan re-read was most of an edit's cost), shown only under a label the
   * viewer sees (rule 10).
   */
  private async step(actor: Actor, id: string): Promise<Step> {
    const found = await new PlanRepository(this.dataSource.manager).stepWithNames(id);
    if (!found) throw notFound();
    const viewer = await this.access.viewer(actor, found.step.participantId);
    this.access.requireLabel(viewer, found.step.label);
    return toStepAnswer(viewer, found);
  }

  private goal(actor: Actor, id: string): Promise<Goal> {
    return this.reread(actor, GoalEntity, id, (plan) => plan.goals);
  }

  @Permission('plan.read')
  @Query(() => Plan, { description: 'A participant’s plan, showing only what you may see.' })
  plan(
    @CurrentActor() actor: Actor,
    @Args('participantId', { type: () => ID }, IdPipe) participantId: string,
  ): Promise<Plan> {
    return this.planFor(actor, participantId);
  }

  @Permission('consent.previewAsMember')
  @Query(() => Plan, {
    description: 'Participant: preview your plan exactly as one member of your team (or a support person) sees it.',
  })
  async planAsSeenBy(
    @CurrentActor() actor: Actor,
    @Args('participantId', { type: () => ID }, IdPipe) participantId: string,
    @Args('accountId', { type: () => ID }, IdPipe) accountId: string,
  ): Promise<Plan> {
    await this.consent.assertIsParticipant(actor, participantId);
    const account = await this.dataSource.getRepository(AccountEntity).findOneBy({ id: accountId });
    const member = account && actorOfAccount(account);
    const readable = member
      ? await this.compartment.readableParticipantIds(member, [participantId])
      : new Set<string>();
    if (!member || !readable.has(participantId)) throw badUserInput('accountId', 'accountId: not on your care team');
    const labels = new Set((await this.visibility.sources(member, participantId)).keys());
    return this.reader.load({ actor: member, participantId, labels, isParticipant: false });
  }

  @Permission('plan.read')
  @Query(() => Timeline, { description: 'The plan’s history, newest first; only events you may see.' })
  async timeline(
    @CurrentActor() actor: Actor,
    @Args('participantId', { type: () => ID }, IdPipe) participantId: string,
    @Args('first', { type: () => Int, defaultValue: 20 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<Timeline> {
    return this.timelines.page(await this.access.viewer(actor, participantId), first, after);
  }

  @Permission('plan.readWaitingForYou')
  @Query(() => WaitingForYou, {
    description:
      'Participant: proposals, offers and entries to confirm in your plan, and your steps. Staff: steps that are yours, across your caseload (or one participant).',
  })
  async waitingForYou(
    @CurrentActor() actor: Actor,
    @Args('participantId', { type: () => ID, nullable: true }, IdPipe) participantId?: string,
  ): Promise<WaitingForYou> {
    if (actor.kind === AccountKind.PARTICIPANT) {
      // A participant's account always names their participant record (a CHECK on the account table).
      if (!actor.participantId) throw new Error(`Participant account ${actor.accountId} names no participant`);
      const { plan, rows } = await this.reader.loadWithRows(await this.access.viewer(actor, actor.participantId));
      const steps = [...plan.goals.flatMap((goal) => goal.steps), ...plan.looseSteps];
      // Rule 8: the participant's own rhythm has come round. Rule 6: "when you're ready", never overdue.
      const now = this.clock.now();
      const due = new Set(rows.strategies.filter((row) => isCheckInDue(row, now)).map((row) => row.id));
      return {
        checkInsDue: plan.strategies.filter((strategy) => due.has(strategy.id)),
        goalsToAnswer: plan.goals.filter(
          (goal) => goal.lifecycle === GoalLifecycle.PROPOSED && !goal.declined && !goal.awaitingConfirmation,
        ),
        offersToAnswer: plan.offers.filter((offer) => offer.status === OfferStatus.OFFERED),
        entriesToConfirm: plan.entriesWaiting,
        stepsForYou: steps.filter((step) => step.forParticipant && !step.done),
      };
    }
    // Staff: their own open steps across the caseload, in a fixed number of statements.
    const stepsForYou = await this.stepsForYou.openStepsOf(actor, participantId ?? null);
    return { goalsToAnswer: [], offersToAnswer: [], entriesToConfirm: [], stepsForYou, checkInsDue: [] };
  }

  @Permission('language.check')
  @Query(() => LanguageCheck, { description: 'Advisory hints for text you are about to write; never blocks saving.' })
  checkLanguage(
    @Args('text') text: string,
    @Args('label', { type: () => SensitivityLabel, defaultValue: SensitivityLabel.GENERAL }) label: SensitivityLabel,
  ): LanguageCheck {
    if (text.length > 4000) throw badUserInput('text', 'text: at most 4000 characters');
    return checkLanguage(text, label);
  }

  @Permission('plan.updateVision')
  @Mutation(() => Plan, {
    description: 'The participant’s own words about what they want; staff only when writing with them.',
  })
  async updateVision(@CurrentActor() actor: Actor, @Args('input') input: UpdateVisionInput): Promise<Plan> {
    return this.planFor(
      actor,
      await changeOnce(this.dataSource, actor, input, 'updateVision', () => this.vision.updateVision(actor, input)),
    );
  }

  @Permission('goal.express')
  @Mutation(() => Goal, { description: 'A goal in the participant’s words: by them, or written down with them.' })
  async expressGoal(@CurrentActor() actor: Actor, @Args('input') input: ExpressGoalInput): Promise<Goal> {
    return this.goal(actor, await this.goals.expressGoal(actor, input));
  }

  @Permission('goal.propose')
  @Mutation(() => Goal, {
    description: 'Staff: propose a goal; it becomes active only when the participant accepts it.',
  })
  async proposeGoal(@CurrentActor() actor: Actor, @Args('input') input: ProposeGoalInput): Promise<Goal> {
    return this.goal(actor, await this.goals.proposeGoal(actor, input));
  }

  @Permission('goal.answerProposal')
  @Mutation(() => Goal, { description: 'Participant: accept exactly the version of a proposal you read.' })
  async acceptGoal(@CurrentActor() actor: Actor, @Args('input') input: GoalVersionInput): Promise<Goal> {
    return this.goal(
      actor,
      await changeOnce(this.dataSource, actor, input, 'acceptGoal', () =>
        this.goals.answerProposal(actor, input, true),
      ),
    );
  }

  @Permission('goal.answerProposal')
  @Mutation(() => Goal, { description: 'Participant: decline a proposal. It stays visible as declined.' })
  async declineGoal(@CurrentActor() actor: Actor, @Args('input') input: GoalVersionInput): Promise<Goal> {
    return this.goal(
      actor,
      await changeOnce(this.dataSource, actor, input, 'declineGoal', () =>
        this.goals.answerProposal(actor, input, false),
      ),
    );
  }

  @Permission('goal.confirm')
  @Mutation(() => Goal, {
    description: 'Participant: confirm a goal written down with you (the same as confirmWrittenWithYou for a goal).',
  })
  async confirmGoal(@CurrentActor() actor: Actor, @Args('input') input: GoalVersionInput): Promise<Goal> {
    return this.goal(
      actor,
      await changeOnce(this.dataSource, actor, input, 'confirmGoal', () => this.goals.confirmGoal(actor, input)),
    );
  }

  @Permission('writtenWithYou.answer')
  @Mutation(() => EntryToConfirm, {
    description:
      'Participant, on your own device: confirm, change (text) or decline what a team member wrote down as your words, presence or agreement. Only then does it count as yours.',
  })
  async confirmWrittenWithYou(
    @CurrentActor() actor: Actor,
    @Args('input') input: ConfirmWrittenWithYouInput,
  ): Promise<EntryToConfirm> {
    const id = await changeOnce(this.dataSource, actor, input, 'confirmWrittenWithYou', () =>
      this.writtenWithYou.answer(actor, input),
    );
    const entry = await this.dataSource.getRepository(WrittenWithYouEntity).findOneBy({ id });
    if (!entry) throw notFound();
    await this.consent.assertIsParticipant(actor, entry.participantId);
    return toEntry(entry, await Authors.load(this.dataSource, entry.participantId, [entry.writtenBy]));
  }

  @Permission('goal.update')
  @Mutation(() => Goal, {
    description: 'Reword or re-shape a goal: the participant for their goals; staff only their own open proposals.',
  })
  async updateGoal(@CurrentActor() actor: Actor, @Args('input') input: UpdateGoalInput): Promise<Goal> {
    return this.goal(
      actor,
      await changeOnce(this.dataSource, actor, input, 'updateGoal', () => this.goals.updateGoal(actor, input)),
    );
  }

  @Permission('goal.setLifecycle')
  @Mutation(() => Goal, { description: 'Participant: put a goal on hold, mark it achieved, retire or reactivate it.' })
  async setGoalLifecycle(@CurrentActor() actor: Actor, @Args('input') input: SetGoalLifecycleInput): Promise<Goal> {
    return this.goal(
      actor,
      await changeOnce(this.dataSource, actor, input, 'setGoalLifecycle', () => this.goals.setLifecycle(actor, input)),
    );
  }

  @Permission('goal.rank')
  @Mutation(() => Plan, { description: 'Participant: rank your goals, most important first.' })
  async rankGoals(@CurrentActor() actor: Actor, @Args('input') input: RankGoalsInput): Promise<Plan> {
    return this.planFor(
      actor,
      await changeOnce(this.dataSource, actor, input, 'rankGoals', () => this.ranking.rankGoals(actor, input)),
    );
  }

  @Permission('goal.rateStage')
  @Mutation(() => Goal, {
    description:
      'Rate the stage of change: the participant’s rating is the goal’s stage; staff ratings are kept beside it.',
  })
  async rateStage(@CurrentActor() actor: Actor, @Args('input') input: RateStageInput): Promise<Goal> {
    return this.goal(
      actor,
      await changeOnce(this.dataSource, actor, input, 'rateStage', () => this.stageRatings.rateStage(actor, input)),
    );
  }

  @Permission('step.add')
  @Mutation(() => Step, { description: 'Add a step, for the participant or a team member, optionally toward a goal.' })
  async addStep(@CurrentActor() actor: Actor, @Args('input') input: AddStepInput): Promise<Step> {
    return this.step(actor, await this.items.addStep(actor, input));
  }

  @Permission('step.setDone')
  @Mutation(() => Step, { description: 'Mark a step done or not done yet.' })
  async setStepDone(@CurrentActor() actor: Actor, @Args('input') input: SetStepDoneInput): Promise<Step> {
    return changeOnceAnswering(
      this.dataSource,
      actor,
      input,
      'setStepDone',
      () => this.items.setStepDone(actor, input),
      (id) => this.step(actor, id),
    );
  }

  @Permission('strategy.add')
  @Mutation(() => Strategy, { description: 'Add a safer-use strategy.' })
  async addStrategy(@CurrentActor() actor: Actor, @Args('input') input: AddStrategyInput): Promise<Strategy> {
    return this.reread(actor, StrategyEntity, await this.items.addStrategy(actor, input), (plan) => plan.strategies);
  }

  @Permission('strategy.update')
  @Mutation(() => Strategy, {
    description: 'Update a strategy’s status; the participant also sets its check-ins and reminders.',
  })
  async updateStrategy(@CurrentActor() actor: Actor, @Args('input') input: UpdateStrategyInput): Promise<Strategy> {
    const id = await changeOnce(this.dataSource, actor, input, 'updateStrategy', () =>
      this.items.updateStrategy(actor, input),
    );
    return this.reread(actor, StrategyEntity, id, (plan) => plan.strategies);
  }

  @Permission('strategy.checkIn')
  @Mutation(() => Strategy, {
    description:
      'Participant: check in on one of your strategies (“how is this working for you?”), with an optional note. Only you can; it shows as the strategy’s last check-in to whoever may see the strategy.',
  })
  async checkInOnStrategy(
    @CurrentActor() actor: Actor,
    @Args('input') input: CheckInOnStrategyInput,
  ): Promise<Strategy> {
    return this.reread(
      actor,
      StrategyEntity,
      await this.items.checkInOnStrategy(actor, input),
      (plan) => plan.strategies,
    );
  }

  @Permission('offer.make')
  @Mutation(() => Offer, { description: 'Staff: offer information, a resource or a referral.' })
  async makeOffer(@CurrentActor() actor: Actor, @Args('input') input: MakeOfferInput): Promise<Offer> {
    return this.reread(actor, OfferEntity, await this.items.makeOffer(actor, input), (plan) => plan.offers);
  }

  @Permission('offer.recordWithheld')
  @Mutation(() => Offer, {
    description: 'Staff: record a resource the team decided not to offer, and why. The participant reads it.',
  })
  async recordWithheldResource(
    @CurrentActor() actor: Actor,
    @Args('input') input: RecordWithheldResourceInput,
  ): Promise<Offer> {
    return this.reread(actor, OfferEntity, await this.items.recordWithheld(actor, input), (plan) => plan.offers);
  }

  @Permission('offer.respond')
  @Mutation(() => Offer, { description: 'Participant: accept or decline exactly the version of an offer you read.' })
  async respondToOffer(@CurrentActor() actor: Actor, @Args('input') input: RespondToOfferInput): Promise<Offer> {
    return this.offer(
      actor,
      await changeOnce(this.dataSource, actor, input, 'respondToOffer', () => this.items.respondToOffer(actor, input)),
    );
  }

  @Permission('offer.hide')
  @Mutation(() => Offer, {
    description: 'Participant: hide an offer from your own view; the team still sees it was made.',
  })
  async hideOffer(@CurrentActor() actor: Actor, @Args('input') input: HideOfferInput): Promise<Offer> {
    return this.offer(
      actor,
      await changeOnce(this.dataSource, actor, input, 'hideOffer', () => this.items.hideOffer(actor, input.offerId)),
    );
  }

  @Permission('plan.makeItemStricter')
  @Mutation(() => StricterItem, {
    description:
      'Make a goal, step or offer already in the plan stricter (never looser): the participant on any item, a team member only on one they wrote, and only to a label they may see. What reveals a goal tightens with it; whoever may no longer see the item loses it from their open screens at once.',
  })
  async makeItemStricter(
    @CurrentActor() actor: Actor,
    @Args('input') input: MakeItemStricterInput,
  ): Promise<StricterItem> {
    const id = await changeOnce(this.dataSource, actor, input, 'makeItemStricter', async () => {
      const kind = await this.kindOf(input.itemId);
      return kind === StricterItemKind.GOAL
        ? this.goals.makeStricter(actor, input)
        : this.items.makeStricter(actor, input, kind);
    });
    // The answer is read through the same access check (a replay proves it again).
    const kind = await this.kindOf(id);
    const entity = {
      [StricterItemKind.GOAL]: GoalEntity,
      [StricterItemKind.STEP]: StepEntity,
      [StricterItemKind.OFFER]: OfferEntity,
    }[kind];
    const row = await this.dataSource.getRepository<GoalEntity | StepEntity | OfferEntity>(entity).findOneBy({ id });
    if (!row) throw notFound();
    this.access.requireLabel(await this.access.viewer(actor, row.participantId), row.label);
    return { id: row.id, kind, label: row.label, version: row.version };
  }

  /** Which kind of item an id is; an unknown id answers NOT_FOUND like a hidden one (rule 11). */
  private async kindOf(itemId: string): Promise<StricterItemKind> {
    const kind = await new PlanRepository(this.dataSource.manager).itemKind(itemId);
    if (!kind) throw notFound();
    return kind;
  }

  /** An offer the participant just answered or hid (their plan view may no longer list it). */
  private async offer(actor: Actor, id: string): Promise<Offer> {
    const offer = await this.dataSource.getRepository(OfferEntity).findOneBy({ id });
    if (!offer) throw notFound();
    // Only the participant answers or hides an offer; a replayed answer proves it again.
    await this.consent.assertIsParticipant(actor, offer.participantId);
    return toOffer(offer, await Authors.load(this.dataSource, offer.participantId, [offer.offeredBy]));
  }
}
