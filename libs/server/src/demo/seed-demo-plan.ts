import type { INestApplicationContext } from '@nestjs/common';
import {
  CheckInRhythm,
  GoalOption,
  Horizon,
  LifeDomain,
  OfferKind,
  StageOfChange,
  StrategyStatus,
} from '@roundtable/contracts';
import type { Actor } from '@roundtable/identity';
import {
  GoalRankingService,
  GoalsService,
  PlanItemsService,
  StageRatingsService,
  VisionService,
  WrittenWithYouService,
} from '@roundtable/plan';
import type { ExpressGoalInput, ProposeGoalInput } from '@roundtable/plan';

export interface DemoActors {
  sam: Actor;
  cm: Actor;
  md: Actor;
  housing: Actor;
  peer: Actor;
}

const goal = (participantId: string, fields: Partial<ExpressGoalInput>): ExpressGoalInput =>
  ({
    participantId,
    horizon: Horizon.RIGHT_NOW,
    options: [],
    writtenWithParticipant: false,
    replacementStrategyIds: [],
    ...fields,
  }) as ExpressGoalInput;

/**
 * Sam's plan, written through the same services the API uses, so every entry has its
 * plan event and the timeline tells the story.
 */
export async function seedDemoPlan(
  app: INestApplicationContext,
  participantId: string,
  who: DemoActors,
): Promise<{ homeGoalId: string; saferUseGoalId: string }> {
  const vision = app.get(VisionService, { strict: false });
  const goals = app.get(GoalsService, { strict: false });
  const ranking = app.get(GoalRankingService, { strict: false });
  const stageRatings = app.get(StageRatingsService, { strict: false });
  const items = app.get(PlanItemsService, { strict: false });
  const writtenWithYou = app.get(WrittenWithYouService, { strict: false });

  await vision.updateVision(who.sam, {
    participantId,
    expectedVersion: 1,
    text: 'A place of my own with a door that locks, my dog with me, and people around who don’t give up on me.',
    writtenWithParticipant: false,
  });
  const home = await goals.expressGoal(
    who.sam,
    goal(participantId, { text: 'Get my own place where Biscuit can live with me', domain: LifeDomain.HOUSING }),
  );
  const evenings = await goals.expressGoal(
    who.cm,
    goal(participantId, {
      text: 'Feel less alone in the evenings',
      domain: LifeDomain.RELATIONSHIPS_AND_SUPPORT,
      horizon: Horizon.LONGER_TERM,
      writtenWithParticipant: true,
    }),
  );
  const saferUse = await goals.expressGoal(
    who.sam,
    goal(participantId, {
      text: 'Never use alone',
      domain: LifeDomain.SUBSTANCE_USE,
      options: [GoalOption.SAFER_USE],
      substance: 'fentanyl',
    }),
  );
  // Fresh goals are at version 1; the participant's rating moves home to 2, which housing then rates.
  await stageRatings.rateStage(who.sam, { goalId: saferUse, stage: StageOfChange.ACTION, expectedVersion: 1 });
  await stageRatings.rateStage(who.sam, { goalId: home, stage: StageOfChange.PREPARATION, expectedVersion: 1 });
  await stageRatings.rateStage(who.housing, { goalId: home, stage: StageOfChange.ACTION, expectedVersion: 2 });

  const proposal: ProposeGoalInput = {
    participantId,
    text: 'Apply for disability income support',
    domain: LifeDomain.INCOME,
    horizon: Horizon.RIGHT_NOW,
    options: [],
    reducesCopingBehaviour: false,
    replacementStrategyIds: [],
  };
  await goals.proposeGoal(who.cm, proposal);
  // Alex wrote "evenings" down with Sam; Sam confirmed it later on their own phone (rule 1).
  await writtenWithYou.answer(who.sam, { entryId: evenings, expectedVersion: 1, accept: true });
  await ranking.rankGoals(who.sam, { participantId, expectedVersion: 1, goalIds: [home, saferUse, evenings] });

  const viewing = await items.addStep(who.housing, {
    participantId,
    goalId: home,
    text: 'Visit the pet-friendly flat on Alder Street together',
    assigneeAccountId: who.housing.accountId,
  });
  await items.addStep(who.sam, { participantId, goalId: home, text: 'Get a copy of my ID from the registry office' });
  await items.setStepDone(who.housing, { stepId: viewing, expectedVersion: 1, done: true });
  await items.addStep(who.peer, {
    participantId,
    goalId: evenings,
    text: 'Try the Thursday drop-in art group',
    assigneeAccountId: who.peer.accountId,
  });

  const naloxone = await items.addStrategy(who.sam, {
    participantId,
    text: 'Carry naloxone and show a friend how to use it',
    status: StrategyStatus.ALREADY_DOING,
  });
  await items.updateStrategy(who.sam, {
    strategyId: naloxone,
    expectedVersion: 1,
    checkInRhythm: CheckInRhythm.WEEKLY,
    reminders: true,
  });
  await items.addStrategy(who.sam, {
    participantId,
    text: 'Test with fentanyl strips first',
    status: StrategyStatus.WANT_TO_TRY,
  });

  await items.makeOffer(who.cm, {
    participantId,
    text: 'Reduced-fare bus pass: I can help fill in the form',
    kind: OfferKind.RESOURCE,
  });
  return { homeGoalId: home, saferUseGoalId: saferUse };
}
