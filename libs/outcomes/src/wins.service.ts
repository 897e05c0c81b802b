import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { PlanEventType, SensitivityLabel, STAGE_ORDER, WinSource } from '@roundtable/contracts';
import type { Actor } from '@roundtable/identity';
import { authorize } from '@roundtable/access';
import { assertVersion, Clock, notFound } from '@roundtable/platform';
import {
  Authors,
  chooseLabel,
  PlanAccess,
  PlanEventLog,
  planEventOf,
  type FollowOn,
  type NewPlanEvent,
  type PlanEventEntity,
  type PlanViewer,
  type PlanWrite,
} from '@roundtable/plan';
import type { WinEntity } from './outcomes.entities';
import { WinRepository } from './win.repository';
import { OutcomeLabelsRepository } from './outcome-labels.repository';
import type { Win, WinConnection } from './outcomes.models';
import type { ProposeWinInput, WinVersionInput } from './outcomes.inputs';

const lower = (value: string) => value.toLowerCase().replaceAll('_', ' ');

export interface NewWin {
  participantId: string;
  source: WinSource;
  sourceId: string | null;
  label: SensitivityLabel;
  text: string;
  proposedBy: string | null;
  actor: string | null;
}

export function toWin(win: WinEntity, authors: Authors): Win {
  return { ...win, proposedBy: authors.maybe(win.proposedBy), confirmed: win.confirmedAt !== null };
}

/**
 * Any positive change counts. Wins from a step done or a stage moving forward are made in
 * the same transaction as the plan event that caused them; wins are never deleted.
 */
@Injectable()
export class WinsService implements OnModuleInit {
  constructor(
    private readonly clock: Clock,
    private readonly access: PlanAccess,
    private readonly log: PlanEventLog,
    private readonly labels: OutcomeLabelsRepository,
    private readonly wins: WinRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.log.onAppend(
      [PlanEventType.GOAL_UPDATED, PlanEventType.ITEM_LABEL_TIGHTENED, PlanEventType.STAGE_RATED],
      (event, write) => this.winFromPlanEvent(event, write),
    );
    // A step done is a win (PRODUCT.md rule 5), written in the step's own statement (issue 18):
    // setStepDone is one statement, so the win is planned as rows, not run in a transaction.
    this.log.followWith((event) => (event.type === PlanEventType.STEP_DONE ? this.winFromStepDone(event) : null));
  }

  private winFromStepDone(event: NewPlanEvent<PlanEventType.STEP_DONE>): FollowOn {
    return this.planned({
      participantId: event.participantId,
      source: WinSource.STEP_DONE,
      sourceId: event.itemId,
      label: event.label,
      text: `Done: ${event.payload.text}`,
      proposedBy: null,
      actor: event.actor,
    }).followOn;
  }

  /**
   * A win and its WIN_RECORDED event as pieces of a single-statement write (the same row and
   * event `record` writes in a transaction). The id is chosen here, so the event can name it.
   */
  planned(win: NewWin): { win: WinEntity; followOn: FollowOn } {
    const entity: WinEntity = { id: randomUUID(), ...this.newRow(win) };
    const event: NewPlanEvent<PlanEventType.WIN_RECORDED> = {
      participantId: win.participantId,
      label: win.label,
      type: PlanEventType.WIN_RECORDED,
      itemId: entity.id,
      actor: win.actor,
      payload: { text: win.text, source: win.source },
    };
    return { win: entity, followOn: { rows: [this.wins.addPart(entity)], events: [event] } };
  }

  private async winFromPlanEvent(stored: PlanEventEntity, write: PlanWrite): Promise<void> {
    if (stored.type === PlanEventType.GOAL_UPDATED && stored.itemId) {
      await this.tightenOutcomesOfGoal(write.manager, stored.itemId, stored.label);
    }
    const event = planEventOf(stored);
    if (event?.type === PlanEventType.ITEM_LABEL_TIGHTENED && event.payload.kind === 'STEP' && stored.itemId) {
      // A step became stricter (makeItemStricter): the wins its being done made reveal it, so they
      // become at least as strict, in the same transaction (PRODUCT.md rule 10).
      await this.labels.tightenWinsOfStep(write.manager, stored.itemId, stored.label);
    }
    const cause = { participantId: stored.participantId, sourceId: stored.itemId, label: stored.label };
    if (event?.type === PlanEventType.STAGE_RATED) {
      const { byParticipant, previous, stage, text } = event.payload;
      if (byParticipant && previous && STAGE_ORDER[stage] > STAGE_ORDER[previous]) {
        await this.record(write, {
          ...cause,
          source: WinSource.STAGE_FORWARD,
          text: `Moved forward to ${lower(stage)}: ${text}`,
          proposedBy: null,
          actor: stored.actor,
        });
      }
    }
  }

  /**
   * A goal became stricter: metrics linked to it (and their measurements), setbacks linked to
   * it, and wins that reveal it (its stage moving forward, its steps done, those metrics'
   * measurements) become at least as strict, in the same transaction.
   */
  private async tightenOutcomesOfGoal(manager: EntityManager, goalId: string, label: SensitivityLabel): Promise<void> {
    const metricIds = await this.labels.tightenMetricsOfGoal(manager, goalId, label);
    await this.labels.tightenMeasurementsOfMetrics(manager, metricIds, label);
    await this.labels.tightenSetbacksOfGoal(manager, goalId, label);
    await this.labels.tightenWinsRevealingGoal(manager, goalId, metricIds, label);
  }

  /** A new win's row: unconfirmed, shown, occurring now (one shape for both ways of writing it). */
  private newRow(win: NewWin): Omit<WinEntity, 'id'> {
    return {
      participantId: win.participantId,
      source: win.source,
      sourceId: win.sourceId,
      label: win.label,
      text: win.text,
      proposedBy: win.proposedBy,
      confirmedAt: null,
      hiddenAt: null,
      occurredAt: this.clock.now(),
      version: 1,
    };
  }

  /** Inserts a win and its WIN_RECORDED event inside the caller's transaction. */
  async record(write: PlanWrite, win: NewWin): Promise<WinEntity> {
    const saved = await this.wins.add(write.manager, this.newRow(win));
    await write.append({
      participantId: win.participantId,
      label: win.label,
      type: PlanEventType.WIN_RECORDED,
      itemId: saved.id,
      actor: win.actor,
      payload: { text: win.text, source: win.source },
    });
    return saved;
  }

  /** Anyone on the plan may propose a win; the participant can confirm it. */
  async propose(actor: Actor, input: ProposeWinInput): Promise<WinEntity> {
    const viewer = await this.access.writer(actor, input.participantId);
    const label = chooseLabel(viewer, SensitivityLabel.GENERAL, input.label);
    const id = await this.log.create(
      { actor: actor.accountId, key: input.idempotencyKey, operation: 'proposeWin' },
      async (write) => {
        const win = await this.record(write, {
          participantId: input.participantId,
          source: WinSource.PROPOSED,
          sourceId: null,
          label,
          text: input.text.trim(),
          proposedBy: actor.accountId,
          actor: actor.accountId,
        });
        // A win the participant names themselves needs no separate confirmation.
        if (viewer.isParticipant) {
          await this.wins.change(write.manager, win.id, { confirmedAt: this.clock.now() });
        }
        return win.id;
      },
    );
    return this.wins.winOrFail(id);
  }

  /** A win only its participant may confirm or hide; hidden wins only when asked for (hiding twice). */
  async ownWin(
    actor: Actor,
    winId: string,
    permission: 'win.confirm' | 'win.hide',
    { includeHidden = false } = {},
  ): Promise<{ win: WinEntity; viewer: PlanViewer }> {
    const win = await this.wins.win(winId);
    if (!win || (win.hiddenAt && !includeHidden)) throw notFound();
    const viewer = await this.access.itemWriter(actor, win.participantId, win.label);
    // A win the participant hid is gone for everyone else: NOT_FOUND, like an unknown id
    // (rule 11), before the participant-only refusal could say it still exists.
    if (win.hiddenAt && !viewer.isParticipant) throw notFound();
    authorize(permission, viewer);
    return { win, viewer };
  }

  async confirm(actor: Actor, input: WinVersionInput): Promise<string> {
    const { win } = await this.ownWin(actor, input.winId, 'win.confirm');
    assertVersion(win, input.expectedVersion);
    const now = this.clock.now();
    await this.log.write(async ({ manager, append }) => {
      await this.wins.update(manager, win.id, input.expectedVersion, { confirmedAt: now });
      await append({
        participantId: win.participantId,
        label: win.label,
        type: PlanEventType.WIN_CONFIRMED,
        itemId: win.id,
        actor: actor.accountId,
        payload: { text: win.text },
      });
    });
    return win.id;
  }

  /** The participant doesn't count this one: it leaves every list and timeline, for good. */
  async hide(actor: Actor, winId: string): Promise<void> {
    const { win } = await this.ownWin(actor, winId, 'win.hide', { includeHidden: true });
    // Hiding twice changes nothing: a retry from a flaky connection answers like the first.
    if (win.hiddenAt) return;
    await this.log.write(async ({ manager, append }) => {
      await this.wins.change(manager, win.id, { hiddenAt: this.clock.now() });
      // Hidden first, so this event is one of the win's events no timeline or replay shows;
      // delivered live under the win's label, it takes the win off every open screen at once.
      await this.log.hideItem(manager, win.participantId, win.id);
      await append({
        participantId: win.participantId,
        label: win.label,
        type: PlanEventType.WIN_HIDDEN,
        itemId: win.id,
        actor: actor.accountId,
        payload: {},
      });
    });
  }

  async page(viewer: PlanViewer, first: number, after?: string | null): Promise<WinConnection> {
    const page = await this.wins.visiblePage(viewer.participantId, [...viewer.labels], first, after);
    const authors = await Authors.load(
      this.dataSource,
      viewer.participantId,
      page.edges.map(({ row }) => row.proposedBy),
    );
    const edges = page.edges.map(({ cursor, row }) => ({ cursor, node: toWin(row, authors) }));
    return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor } };
  }
}
