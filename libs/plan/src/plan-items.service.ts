import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type FindOptionsWhere } from 'typeorm';
import { OfferStatus, PlanEventType, SensitivityLabel, strictestLabel } from '@roundtable/contracts';
import { authorize, CompartmentPolicy, ParticipantOnlyPermission, ParticipantOnlyPolicy } from '@roundtable/access';
import type { Actor } from '@roundtable/identity';
import {
  badUserInput,
  Clock,
  notFound,
  versionedUpdate,
  versionedUpdatePart,
  refuseStale,
  assertVersion,
} from '@roundtable/platform';
import { citesDrugUse, withheldResourceLabel } from './language/language-hints';
import { chooseLabel, stricterLabel } from './labels';
import { linkedGoals, linkedLabel } from './linked-goals';
import { PlanAccess, type PlanViewer } from './plan-access';
import { toStepAnswer } from './plan-reader';
import { PlanRepository } from './plan.repository';
import type { Step } from './plan.models';
import { OfferEntity, StepEntity, StrategyCheckInEntity, StrategyEntity } from './plan.entities';
import { PlanEventLog, type PlanWrite } from './plan-event-log';
import {
  OfferResponse,
  type AddStepInput,
  type AddStrategyInput,
  type CheckInOnStrategyInput,
  type MakeItemStricterInput,
  type MakeOfferInput,
  type RecordWithheldResourceInput,
  type RespondToOfferInput,
  type SetStepDoneInput,
  type UpdateStrategyInput,
} from './plan.inputs';
import { ensurePlan, restrictedNotice } from './plan-write.helpers';
import { StricterLabelGuard } from './stricter-label.guard';

type Item = StepEntity | StrategyEntity | OfferEntity;

/** Steps, safer-use strategies and offers: supports around the participant's goals. */
@Injectable()
export class PlanItemsService {
  constructor(
    private readonly clock: Clock,
    private readonly access: PlanAccess,
    private readonly compartment: CompartmentPolicy,
    private readonly participantOnly: ParticipantOnlyPolicy,
    private readonly log: PlanEventLog,
    private readonly sightGuard: StricterLabelGuard,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  private async itemFor<T extends Item>(
    entity: new () => T,
    actor: Actor,
    id: string,
  ): Promise<{ item: T; viewer: PlanViewer }> {
    const item = await this.dataSource.getRepository<T>(entity).findOneBy({ id } as FindOptionsWhere<T>);
    if (!item) throw notFound();
    const viewer = await this.access.itemWriter(actor, item.participantId, item.label);
    return { item, viewer };
  }

  /** `alsoWrite` runs in the same transaction (a conference's action item records its step). */
  async addStep(
    actor: Actor,
    input: AddStepInput,
    alsoWrite?: (write: PlanWrite, stepId: string) => Promise<void>,
  ): Promise<string> {
    const viewer = await this.access.writer(actor, input.participantId);
    const goalLabel = linkedLabel(
      await linkedGoals(this.dataSource, viewer, input.goalId ? [input.goalId] : [], 'input.goalId'),
    );
    // A step reveals its goal, so it is at least as protected.
    const label = chooseLabel(viewer, goalLabel, input.label && strictestLabel(input.label, goalLabel));
    if (input.assigneeAccountId) {
      if (!(await this.compartment.isStaffOnTeam(input.assigneeAccountId, input.participantId)))
        throw badUserInput('input.assigneeAccountId', 'input.assigneeAccountId: not on this care team');
    }
    const now = this.clock.now();
    return this.log.create(
      { actor: actor.accountId, key: input.idempotencyKey, operation: 'addStep' },
      async (write) => {
        const { manager, append } = write;
        await ensurePlan(manager, input.participantId, now);
        const step = await manager.save(
          manager.create(StepEntity, {
            participantId: input.participantId,
            goalId: input.goalId ?? null,
            text: input.text.trim(),
            label,
            assignee: input.assigneeAccountId ?? null,
            assignedToParticipant: !input.assigneeAccountId,
            targetDate: input.targetDate ?? null,
            doneAt: null,
            createdBy: actor.accountId,
            createdAt: now,
            version: 1,
          }),
        );
        await append({
          participantId: input.participantId,
          label,
          type: PlanEventType.STEP_ADDED,
          itemId: step.id,
          actor: actor.accountId,
          payload: { text: step.text, goalId: step.goalId },
        });
        await alsoWrite?.(write, step.id);
        return step.id;
      },
    );
  }

  /**
   * Marks a step done or not done, and answers with the step as this write left it: read
   * once before the write with its goal's label and the names it shows, since the versioned
   * write changes only `done_at` and the version (issue 18: reading it back was one of the
   * edit's five statements).
   */
  async setStepDone(actor: Actor, input: SetStepDoneInput): Promise<Step> {
    const found = await new PlanRepository(this.dataSource.manager).stepWithNames(input.stepId);
    if (!found) throw notFound();
    const { step } = found;
    const viewer = await this.access.itemWriter(actor, step.participantId, step.label);
    assertVersion(step, input.expectedVersion);
    if ((step.doneAt !== null) === input.done)
      throw badUserInput('input.done', `input.done: the step is already ${input.done ? 'done' : 'not done'}`);
    const doneAt = input.done ? this.clock.now() : null;
    // One statement (issue 18): the versioned update gates the event and, for a step done,
    // the win that follows from it (WinsService's FollowOn). A stale version writes nothing.
    const written = await this.log.writeOne({
      gates: [versionedUpdatePart('step', step.id, input.expectedVersion, { done_at: doneAt })],
      events: [
        {
          participantId: step.participantId,
          label: step.label,
          type: input.done ? PlanEventType.STEP_DONE : PlanEventType.STEP_REOPENED,
          itemId: step.id,
          actor: actor.accountId,
          payload: { text: step.text, goalId: step.goalId },
        },
      ],
    });
    if (!written) await refuseStale(this.dataSource.manager, StepEntity, step.id);
    return toStepAnswer(viewer, { ...found, step: { ...step, doneAt, version: input.expectedVersion + 1 } });
  }

  /** Safer-use strategies reveal use, so they default to the substance-use label. */
  async addStrategy(actor: Actor, input: AddStrategyInput): Promise<string> {
    const viewer = await this.access.writer(actor, input.participantId);
    const label = chooseLabel(viewer, SensitivityLabel.SUBSTANCE_USE, input.label);
    const now = this.clock.now();
    return this.log.create(
      { actor: actor.accountId, key: input.idempotencyKey, operation: 'addStrategy' },
      async ({ manager, append }) => {
        await ensurePlan(manager, input.participantId, now);
        const strategy = await manager.save(
          manager.create(StrategyEntity, {
            participantId: input.participantId,
            text: input.text.trim(),
            label,
            status: input.status,
            checkInRhythm: 'NONE' as StrategyEntity['checkInRhythm'],
            reminders: false,
            addedBy: actor.accountId,
            addedByParticipant: viewer.isParticipant,
            createdAt: now,
            rhythmSetAt: now,
            lastCheckInAt: null,
            lastCheckInAnswer: null,
            lastCheckInNote: null,
            version: 1,
          }),
        );
        await append({
          participantId: input.participantId,
          label,
          type: PlanEventType.STRATEGY_ADDED,
          itemId: strategy.id,
          actor: actor.accountId,
          payload: { text: strategy.text, status: strategy.status },
        });
        return strategy.id;
      },
    );
  }

  /** The check-in rhythm and reminders are the participant's to set. */
  async updateStrategy(actor: Actor, input: UpdateStrategyInput): Promise<string> {
    const { item: strategy, viewer } = await this.itemFor(StrategyEntity, actor, input.strategyId);
    authorize('strategy.update', viewer, input);
    assertVersion(strategy, input.expectedVersion);
    const changes = {
      status: input.status ?? strategy.status,
      checkInRhythm: input.checkInRhythm ?? strategy.checkInRhythm,
      reminders: input.reminders ?? strategy.reminders,
    };
    // A newly chosen rhythm counts from now: choosing one never makes a check-in "due" at once.
    const rhythmSetAt = changes.checkInRhythm !== strategy.checkInRhythm ? this.clock.now() : strategy.rhythmSetAt;
    await this.log.write(async ({ manager, append }) => {
      await versionedUpdate(manager, StrategyEntity, strategy.id, input.expectedVersion, { ...changes, rhythmSetAt });
      await append({
        participantId: strategy.participantId,
        label: strategy.label,
        type: PlanEventType.STRATEGY_UPDATED,
        itemId: strategy.id,
        actor: actor.accountId,
        payload: { text: strategy.text, ...changes },
      });
    });
    return strategy.id;
  }

  /**
   * "How is this working for you?" (rule 8): the participant's own answer, kept as history
   * with the latest on the strategy. Authorised by ParticipantOnlyPolicy: a hidden strategy
   * answers NOT_FOUND, a team member who may see it FORBIDDEN. The event carries the
   * strategy's label, so its sequence, version and timeline move only for those who may
   * see the strategy (rules 10, 11). Returns the strategy's id (the mutation's answer).
   */
  async checkInOnStrategy(actor: Actor, input: CheckInOnStrategyInput): Promise<string> {
    const strategy = await this.dataSource.getRepository(StrategyEntity).findOneBy({ id: input.strategyId });
    if (!strategy) throw notFound();
    await this.participantOnly.authorize(actor, ParticipantOnlyPermission.CHECK_IN_ON_STRATEGY, {
      participantId: strategy.participantId,
      label: strategy.label,
    });
    const note = input.note?.trim() || null;
    const now = this.clock.now();
    return this.log.create(
      { actor: actor.accountId, key: input.idempotencyKey, operation: 'checkInOnStrategy' },
      async ({ manager, append }) => {
        // The version is judged inside the once-only write: a retry with the same key gets the
        // first answer back instead of a CONFLICT caused by its own first attempt.
        const latest = { lastCheckInAt: now, lastCheckInAnswer: input.answer, lastCheckInNote: note };
        if (input.expectedVersion !== undefined && input.expectedVersion !== null) {
          await versionedUpdate(manager, StrategyEntity, strategy.id, input.expectedVersion, latest);
        } else {
          await manager
            .createQueryBuilder()
            .update(StrategyEntity)
            .set({ ...latest, version: () => 'version + 1' })
            .where('id = :id', { id: strategy.id })
            .execute();
        }
        await manager.save(
          manager.create(StrategyCheckInEntity, {
            participantId: strategy.participantId,
            strategyId: strategy.id,
            answer: input.answer,
            note,
            checkedInBy: actor.accountId,
            checkedInAt: now,
          }),
        );
        await append({
          participantId: strategy.participantId,
          label: strategy.label,
          type: PlanEventType.STRATEGY_CHECKED_IN,
          itemId: strategy.id,
          actor: actor.accountId,
          // The note stays on the strategy (read under its label); the event's line is short.
          payload: { text: strategy.text, answer: input.answer },
        });
        return strategy.id;
      },
    );
  }

  async makeOffer(actor: Actor, input: MakeOfferInput): Promise<string> {
    const viewer = await this.staffWriter(actor, input.participantId, 'offer.make');
    const goalLabel = linkedLabel(
      await linkedGoals(this.dataSource, viewer, input.goalId ? [input.goalId] : [], 'input.goalId'),
    );
    const label = chooseLabel(viewer, goalLabel, input.label && strictestLabel(input.label, goalLabel));
    return this.insertOffer(
      actor,
      input.idempotencyKey,
      input.participantId,
      {
        text: input.text.trim(),
        kind: input.kind,
        label,
        goalId: input.goalId ?? null,
        status: OfferStatus.OFFERED,
        withheldReason: null,
      },
      PlanEventType.OFFER_MADE,
    );
  }

  /** A resource withheld is recorded with why, readable by the participant; drug-use reasons are flagged. */
  async recordWithheld(actor: Actor, input: RecordWithheldResourceInput): Promise<string> {
    const viewer = await this.staffWriter(actor, input.participantId, 'offer.recordWithheld');
    // Rules 10/14 (issue 13, finding 11): a reason citing drug use is labelled SUBSTANCE_USE.
    const label = chooseLabel(viewer, withheldResourceLabel(input.resource, input.reason), input.label);
    return this.insertOffer(
      actor,
      input.idempotencyKey,
      input.participantId,
      {
        text: input.resource.trim(),
        kind: 'RESOURCE' as OfferEntity['kind'],
        label,
        goalId: null,
        status: OfferStatus.WITHHELD,
        withheldReason: input.reason.trim(),
      },
      PlanEventType.RESOURCE_WITHHELD,
    );
  }

  async respondToOffer(actor: Actor, input: RespondToOfferInput): Promise<string> {
    const { item: offer, viewer } = await this.itemFor(OfferEntity, actor, input.offerId);
    authorize('offer.respond', viewer);
    assertVersion(offer, input.expectedVersion);
    if (offer.status !== OfferStatus.OFFERED)
      throw badUserInput('input.offerId', 'input.offerId: this offer is not waiting for an answer');
    const accept = input.response === OfferResponse.ACCEPT;
    await this.log.write(async ({ manager, append }) => {
      await versionedUpdate(manager, OfferEntity, offer.id, input.expectedVersion, {
        status: accept ? OfferStatus.ACCEPTED : OfferStatus.DECLINED,
        respondedAt: this.clock.now(),
      });
      await append({
        participantId: offer.participantId,
        label: offer.label,
        type: accept ? PlanEventType.OFFER_ACCEPTED : PlanEventType.OFFER_DECLINED,
        itemId: offer.id,
        actor: actor.accountId,
        payload: { text: offer.text },
      });
    });
    return offer.id;
  }

  /** Hidden from the participant's own view only; the team still sees the offer was made. */
  async hideOffer(actor: Actor, offerId: string): Promise<string> {
    const { item: offer, viewer } = await this.itemFor(OfferEntity, actor, offerId);
    authorize('offer.hide', viewer);
    // Hiding twice changes nothing: a retry from a flaky connection answers like the first.
    if (offer.hiddenByParticipant) return offer.id;
    await this.log.write(async ({ manager, append }) => {
      await manager.update(OfferEntity, { id: offer.id }, { hiddenByParticipant: true });
      await append({
        participantId: offer.participantId,
        label: offer.label,
        type: PlanEventType.OFFER_HIDDEN,
        itemId: offer.id,
        actor: actor.accountId,
        payload: { text: offer.text },
      });
    });
    return offer.id;
  }

  /**
   * Rule 10: a step or an offer already saved is made stricter by the participant, or by the
   * team member who wrote it, to a label they can see; never looser. One versioned edit: the
   * item under its new label (ITEM_LABEL_TIGHTENED, which wins and agenda items about a step
   * follow, in this transaction), and a notice under its old label so that those who saw it
   * there lose it from their open screens at once (rule 11: the notice says nothing else).
   */
  async makeStricter(actor: Actor, input: MakeItemStricterInput, kind: 'STEP' | 'OFFER'): Promise<string> {
    const entity = kind === 'STEP' ? StepEntity : OfferEntity;
    const { item, viewer } = await this.itemFor<StepEntity | OfferEntity>(entity, actor, input.itemId);
    const authoredBy = item instanceof StepEntity ? item.createdBy : item.offeredBy;
    authorize('plan.makeItemStricter', viewer, { authoredBy, stillTheirProposal: true }, actor);
    assertVersion(item, input.expectedVersion);
    const label = stricterLabel(viewer, item.label, input.label);
    if (!viewer.isParticipant) await this.sightGuard.assertNobodyGainsSight(item.participantId, [item], label);
    await this.log.write(async (write) => {
      await versionedUpdate(write.manager, entity, item.id, input.expectedVersion, { label });
      await restrictedNotice(write, item, actor.accountId);
      await write.append({
        participantId: item.participantId,
        label,
        type: PlanEventType.ITEM_LABEL_TIGHTENED,
        itemId: item.id,
        actor: actor.accountId,
        payload: { text: item.text, kind, label, previousLabel: item.label },
      });
    });
    return item.id;
  }

  private async staffWriter(
    actor: Actor,
    participantId: string,
    permission: 'offer.make' | 'offer.recordWithheld',
  ): Promise<PlanViewer> {
    const viewer = await this.access.writer(actor, participantId);
    authorize(permission, viewer);
    return viewer;
  }

  private insertOffer(
    actor: Actor,
    idempotencyKey: string | undefined,
    participantId: string,
    fields: Pick<OfferEntity, 'text' | 'kind' | 'label' | 'goalId' | 'status' | 'withheldReason'>,
    type: PlanEventType.OFFER_MADE | PlanEventType.RESOURCE_WITHHELD,
  ): Promise<string> {
    const now = this.clock.now();
    return this.log.create(
      { actor: actor.accountId, key: idempotencyKey, operation: type },
      async ({ manager, append }) => {
        await ensurePlan(manager, participantId, now);
        const offer = await manager.save(
          manager.create(OfferEntity, {
            ...fields,
            participantId,
            reasonCitesDrugUse: fields.withheldReason ? citesDrugUse(fields.withheldReason) : false,
            hiddenByParticipant: false,
            offeredBy: actor.accountId,
            createdAt: now,
            respondedAt: null,
            version: 1,
          }),
        );
        await append({
          participantId,
          label: fields.label,
          type,
          itemId: offer.id,
          actor: actor.accountId,
          payload: { text: offer.text, reason: offer.withheldReason },
        });
        return offer.id;
      },
    );
  }
}
