import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PlanEventType, type SensitivityLabel } from '@roundtable/contracts';
import { ParticipantVoicePolicy } from '@roundtable/access';
import type { Actor } from '@roundtable/identity';
import { assertVersion, badUserInput, Clock, notFound, versionedUpdate } from '@roundtable/platform';
import { PlanAccess } from './plan-access';
import { PlanEventLog, type PlanWrite } from './plan-event-log';
import { ensurePlan } from './plan-write.helpers';
import { PlanWriteRepository } from './plan-write.repository';
import { WrittenWithYouEntity, WrittenWithYouKind, WrittenWithYouStatus } from './written-with-you.entities';
import type { KindWithoutPayload, WrittenWithYouPayloads } from './written-with-you-payloads';

export interface ParticipantAnswer {
  accept: boolean;
  /** The participant's own words when they changed what was written (accept only). */
  text: string | null;
}

/**
 * Applies (or, on a decline, undoes the provisional trace of) one kind of entry, inside the
 * answering transaction, as the participant's act. Each bounded context registers its own.
 */
export type WrittenWithYouHandler = (
  write: PlanWrite,
  entry: WrittenWithYouEntity,
  participant: Actor,
  answer: ParticipantAnswer,
) => Promise<void>;

interface EntryFields {
  /** Given for a GOAL (the goal's id) or a SETBACK (the id it will have); new otherwise. */
  id?: string;
  participantId: string;
  label: SensitivityLabel;
  text: string;
  targetId?: string | null;
  writtenBy: string;
  /** A co-signed act is already the participant's: recorded, not waiting. */
  coSigned?: boolean;
  /** One line for the timeline; the entry's label decides who reads it. */
  summary?: string;
}

/** An entry to record, with its kind's payload (written-with-you-payloads.ts); a kind that needs none may leave it out. */
export type NewEntry<K extends WrittenWithYouKind = WrittenWithYouKind> = {
  [T in K]: EntryFields & { kind: T } & (T extends KindWithoutPayload
      ? { payload?: WrittenWithYouPayloads[T] }
      : { payload: WrittenWithYouPayloads[T] });
}[K];

const SUMMARY: Record<WrittenWithYouKind, string> = {
  [WrittenWithYouKind.GOAL]: 'A goal written with the participant',
  [WrittenWithYouKind.VISION]: 'Their vision, written with them',
  [WrittenWithYouKind.SETBACK]: 'A setback recorded with them',
  [WrittenWithYouKind.PARTICIPANT_UPDATE]: 'Their update for a conference, written with them',
  [WrittenWithYouKind.DECISION_ANSWER]: 'Their answer to a decision, recorded with them',
  [WrittenWithYouKind.CONFERENCE_INVITATION]: 'Their invitation of a support person to a conference',
};

/**
 * Entries a team member wrote down as the participant's words, presence or agreement
 * (PRODUCT.md rules 1, 2, 3). A WAITING entry changes nothing of the participant's; only
 * the participant confirms, changes or declines it, on their own device, and only then does
 * the registered handler apply it, in the same transaction.
 */
@Injectable()
export class WrittenWithYouService {
  private readonly handlers = new Map<WrittenWithYouKind, WrittenWithYouHandler>();

  constructor(
    private readonly clock: Clock,
    private readonly access: PlanAccess,
    private readonly policy: ParticipantVoicePolicy,
    private readonly log: PlanEventLog,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  register(kind: WrittenWithYouKind, handler: WrittenWithYouHandler): void {
    this.handlers.set(kind, handler);
  }

  /** For kinds where a decline leaves everything as it was: the handler runs only when the participant accepts. */
  onAccept(kind: WrittenWithYouKind, handler: WrittenWithYouHandler): void {
    this.register(kind, async (write, entry, participant, answer) => {
      if (answer.accept) await handler(write, entry, participant, answer);
    });
  }

  /**
   * Records an entry inside a writing transaction. A waiting one (other than a goal, whose
   * own GOAL_EXPRESSED event says so) appends WRITTEN_WITH_YOU_WAITING under the entry's
   * label, so only those who may see it hear of it, and the participant's devices are told
   * something waits for them.
   */
  async record<K extends WrittenWithYouKind>(write: PlanWrite, entry: NewEntry<K>): Promise<WrittenWithYouEntity> {
    const now = this.clock.now();
    await ensurePlan(write.manager, entry.participantId, now);
    const row = write.manager.create(WrittenWithYouEntity, {
      id: entry.id ?? randomUUID(),
      participantId: entry.participantId,
      kind: entry.kind,
      label: entry.label,
      text: entry.text,
      payload: entry.payload ?? {},
      targetId: entry.targetId ?? null,
      writtenBy: entry.writtenBy,
      createdAt: now,
      status: entry.coSigned ? WrittenWithYouStatus.CO_SIGNED : WrittenWithYouStatus.WAITING,
      answeredAt: entry.coSigned ? now : null,
      version: 1,
    });
    await write.manager.save(row);
    if (!entry.coSigned && entry.kind !== WrittenWithYouKind.GOAL) {
      await write.append({
        participantId: entry.participantId,
        label: entry.label,
        type: PlanEventType.WRITTEN_WITH_YOU_WAITING,
        itemId: row.id,
        actor: entry.writtenBy,
        payload: {
          kind: entry.kind,
          text: entry.text,
          summary: `${entry.summary ?? SUMMARY[entry.kind]}: waiting for the participant to confirm`,
        },
      });
    }
    return row;
  }

  /** The participant answers an entry: confirm, confirm with their own words, or decline. */
  async answer(
    actor: Actor,
    input: { entryId: string; expectedVersion: number; accept: boolean; text?: string | null },
  ): Promise<string> {
    const entry = await this.dataSource.getRepository(WrittenWithYouEntity).findOneBy({ id: input.entryId });
    if (!entry) throw notFound();
    // Hidden answers like unknown; staff who can see it still cannot answer for the participant.
    const viewer = await this.access.viewer(actor, entry.participantId);
    this.access.requireLabel(viewer, entry.label);
    this.policy.assertConfirmer(actor, entry.participantId);
    assertVersion(entry, input.expectedVersion);
    if (entry.status !== WrittenWithYouStatus.WAITING) {
      throw badUserInput('input.entryId', 'input.entryId: this entry has already been answered');
    }
    const text = input.accept ? input.text?.trim() || null : null;
    if (input.text !== undefined && input.text !== null && !input.accept) {
      throw badUserInput('input.text', 'input.text: change the words only when you accept them');
    }
    await this.log.write((write) =>
      this.settle(write, entry, actor, { accept: input.accept, text }, input.expectedVersion),
    );
    return entry.id;
  }

  /**
   * Settles an entry in a transaction another operation opened (e.g. the participant
   * rewording a waiting goal, which confirms it).
   */
  async settle(
    write: PlanWrite,
    entry: WrittenWithYouEntity,
    participant: Actor,
    answer: ParticipantAnswer,
    expectedVersion = entry.version,
    options: { apply: boolean } = { apply: true },
  ): Promise<void> {
    const handler = this.handlers.get(entry.kind);
    if (!handler && options.apply) throw new Error(`No handler for written-with-you entries of kind ${entry.kind}`);
    const status = !answer.accept
      ? WrittenWithYouStatus.DECLINED
      : answer.text && answer.text !== entry.text
        ? WrittenWithYouStatus.CHANGED
        : WrittenWithYouStatus.CONFIRMED;
    await versionedUpdate(write.manager, WrittenWithYouEntity, entry.id, expectedVersion, {
      status,
      answeredAt: this.clock.now(),
    });
    // `apply: false` when the calling operation itself made the change (the participant rewording a goal).
    if (options.apply && handler) await handler(write, entry, participant, answer);
    await write.append({
      participantId: entry.participantId,
      label: entry.label,
      type: PlanEventType.WRITTEN_WITH_YOU_ANSWERED,
      itemId: entry.id,
      actor: participant.accountId,
      payload: {
        kind: entry.kind,
        text: answer.text ?? entry.text,
        status,
        summary: `${SUMMARY[entry.kind]}: ${status === WrittenWithYouStatus.DECLINED ? 'not confirmed by the participant' : status === WrittenWithYouStatus.CHANGED ? 'changed and confirmed by the participant' : 'confirmed by the participant'}`,
      },
    });
  }

  /**
   * Entries about `targetId` still waiting are overtaken by an act that settled it (the
   * participant answered the decision themselves): they stop waiting and never apply.
   */
  async supersede(write: PlanWrite, kind: WrittenWithYouKind, targetId: string): Promise<void> {
    await new PlanWriteRepository(write.manager).supersedeWaiting(kind, targetId, this.clock.now());
  }

  /** The waiting entry with this id, if any (e.g. a goal still waiting). */
  waitingEntry(id: string): Promise<WrittenWithYouEntity | null> {
    return this.dataSource.getRepository(WrittenWithYouEntity).findOneBy({ id, status: WrittenWithYouStatus.WAITING });
  }
}

/** Waiting entries one viewer may see (filtered by label in SQL: nothing hidden leaves the server). */
export function waitingEntries(
  dataSource: DataSource,
  participantId: string,
  labels: Set<SensitivityLabel>,
): Promise<WrittenWithYouEntity[]> {
  return dataSource
    .getRepository(WrittenWithYouEntity)
    .createQueryBuilder('row')
    .where('row.participant_id = :participantId AND row.status = :status AND row.label = ANY(:labels)', {
      participantId,
      status: WrittenWithYouStatus.WAITING,
      labels: [...labels],
    })
    .orderBy('row.created_at')
    .addOrderBy('row.id')
    .getMany();
}
