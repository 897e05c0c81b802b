import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { GraphQLError } from 'graphql';
import { DataSource, type EntityManager } from 'typeorm';
import { ErrorCode } from '@roundtable/contracts';
import type { Actor } from '@roundtable/identity';
import { APP_CONFIG, badUserInput, Clock, notFound, type AppConfig } from '@roundtable/platform';
import { BreakGlassEntity } from './access.entities';
import { AuditTrail } from './audit-trail';
import { BreakGlassRepository, type BreakGlassRow } from './break-glass.repository';
import { CompartmentPolicy } from './policies/compartment.policy';
import { EmergencyAccessStatus, type EmergencyAccess } from './consent.models';
import { BreakGlassPermission, BreakGlassPolicy } from './policies/break-glass.policy';
import { BREAK_GLASS_DISCIPLINES } from './policies/break-glass.rules';

/** A state the request cannot move from (already open, already reviewed, …): retrying will not help. */
function stateConflict(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.CONFLICT } });
}

/**
 * Emergency ("break-glass") access, PRODUCT.md rule 12: a physician, prescriber or nurse on
 * the care team gives a reason and gets time-limited access; one open at a time per
 * participant; a repeat by the same clinician for the same participant within the window
 * waits for a supervisor's approval; every one is reviewed afterwards by a supervisor of the
 * program; the participant sees each step in their access log and their emergency list.
 * What an open access shows is decided by VisibilityPolicy.
 */
@Injectable()
export class BreakGlassService {
  constructor(
    private readonly clock: Clock,
    private readonly policy: BreakGlassPolicy,
    private readonly compartment: CompartmentPolicy,
    private readonly audit: AuditTrail,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: BreakGlassRepository,
  ) {}

  async request(actor: Actor, participantId: string, reason: string): Promise<EmergencyAccess> {
    await this.policy.authorize(actor, BreakGlassPermission.REQUEST, { participantId });
    const why = reason.trim();
    if (why.length < 10) throw badUserInput('input.reason', 'input.reason: say why, in at least 10 characters');
    const now = this.clock.now();
    const id = await this.dataSource.transaction(async (manager) => {
      await this.lockParticipant(manager, participantId);
      await this.assertNoneOpen(manager, participantId, now);
      const earlier = await this.repository.earlier(
        manager,
        participantId,
        actor.accountId,
        now,
        new Date(now.getTime() - this.windowMs()),
      );
      if (earlier?.pending) throw stateConflict("Your earlier request is still waiting for a supervisor's approval");
      const approvalRequired = Boolean(earlier?.recent);
      const row = await manager.save(
        manager.create(BreakGlassEntity, {
          participantId,
          accountId: actor.accountId,
          reason: why,
          requestedAt: now,
          startedAt: approvalRequired ? null : now,
          // Awaiting approval, this is when the unanswered request lapses.
          endsAt: new Date(now.getTime() + this.durationMs()),
          endedAt: null,
          endedBy: null,
          approvalRequired,
          approvedBy: null,
          approvedAt: null,
          reviewedBy: null,
          reviewedAt: null,
          reviewNote: null,
        }),
      );
      return row.id;
    });
    const row = await this.row(id);
    await this.audit.record(
      {
        participantId,
        actor: actor.accountId,
        action: 'requestEmergencyAccess',
        kind: 'BREAK_GLASS',
        reason: why,
        itemId: id,
      },
      ...(row.startedAt ? [this.openedEntry(row)] : []),
    );
    return this.toModel(row);
  }

  /** A supervisor approves a repeat request; it opens now, for the usual time. */
  async approve(actor: Actor, id: string): Promise<EmergencyAccess> {
    const found = await this.find(id);
    await this.policy.authorize(actor, BreakGlassPermission.APPROVE, { access: found });
    const now = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      await this.lockParticipant(manager, found.participantId);
      const row = await manager.findOneByOrFail(BreakGlassEntity, { id });
      if (!row.approvalRequired || row.approvedAt || row.endedAt || row.endsAt <= now) {
        throw stateConflict('This emergency access is not waiting for approval');
      }
      await this.assertNoneOpen(manager, row.participantId, now);
      // The clinician must still be one who could ask now (on the team, a clinician).
      const clinician = await this.repository.clinician(manager, row.accountId);
      const stillEligible =
        Boolean(clinician?.discipline && BREAK_GLASS_DISCIPLINES.has(clinician.discipline)) &&
        (await this.compartment.isStaffOnTeam(row.accountId, row.participantId));
      if (!stillEligible) throw stateConflict('The clinician is no longer on the care team');
      await manager.update(
        BreakGlassEntity,
        { id },
        {
          approvedBy: actor.accountId,
          approvedAt: now,
          startedAt: now,
          endsAt: new Date(now.getTime() + this.durationMs()),
        },
      );
    });
    const row = await this.row(id);
    await this.audit.record(
      {
        participantId: row.participantId,
        actor: actor.accountId,
        action: 'approveEmergencyAccess',
        kind: 'BREAK_GLASS',
        itemId: id,
      },
      this.openedEntry(row),
    );
    return this.toModel(row);
  }

  /** The clinician ends their access early, or withdraws a request still waiting for approval. */
  async end(actor: Actor, id: string): Promise<EmergencyAccess> {
    const found = await this.find(id);
    await this.policy.authorize(actor, BreakGlassPermission.END, { access: found });
    const now = this.clock.now();
    const ended = await this.dataSource.transaction(async (manager) => {
      const row = await this.repository.lockForEnd(manager, id);
      if (row.ended_at || row.ends_at <= now) return false;
      await manager.update(BreakGlassEntity, { id }, { endedAt: now, endedBy: actor.accountId });
      return true;
    });
    if (ended) {
      await this.audit.record({
        participantId: found.participantId,
        actor: actor.accountId,
        action: 'endEmergencyAccess',
        kind: 'BREAK_GLASS',
        itemId: id,
      });
    }
    return this.toModel(await this.row(id));
  }

  /** A supervisor reviews an emergency access after it ended; recorded and shown to the participant. */
  async review(actor: Actor, id: string, note: string): Promise<EmergencyAccess> {
    const found = await this.find(id);
    await this.policy.authorize(actor, BreakGlassPermission.REVIEW, { access: found });
    const text = note.trim();
    if (!text) throw badUserInput('input.note', 'input.note: write what you found');
    const now = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      const row = await this.repository.lockForReview(manager, id);
      if (!row.started_at) throw stateConflict('This emergency access never opened: there is nothing to review');
      if (!row.ended_at && row.ends_at > now) throw stateConflict('Review emergency access after it ends');
      if (row.reviewed_at) throw stateConflict('This emergency access was already reviewed');
      await manager.update(
        BreakGlassEntity,
        { id },
        { reviewedBy: actor.accountId, reviewedAt: now, reviewNote: text },
      );
    });
    await this.audit.record({
      participantId: found.participantId,
      actor: actor.accountId,
      action: 'reviewEmergencyAccess',
      kind: 'BREAK_GLASS',
      reason: text,
      itemId: id,
    });
    return this.toModel(await this.row(id));
  }

  /** The participant: every emergency access to their plan, newest first. */
  async forParticipant(actor: Actor, participantId: string): Promise<EmergencyAccess[]> {
    await this.policy.authorize(actor, BreakGlassPermission.READ_OWN, { participantId });
    const rows = await this.repository.forParticipant(participantId);
    return this.toModels(rows);
  }

  /** Supervisors: emergency accesses in their program that ended and wait for a review, oldest first. */
  async awaitingReview(actor: Actor): Promise<EmergencyAccess[]> {
    await this.policy.authorize(actor, BreakGlassPermission.LIST_FOR_SUPERVISION, { program: true });
    const rows = await this.repository.awaitingReview(actor.programId, this.clock.now(), actor.accountId);
    return this.listed(rows);
  }

  /** Supervisors: repeat requests in their program waiting for approval (never their own). */
  async awaitingApproval(actor: Actor): Promise<EmergencyAccess[]> {
    await this.policy.authorize(actor, BreakGlassPermission.LIST_FOR_SUPERVISION, { program: true });
    const rows = await this.repository.awaitingApproval(actor.programId, this.clock.now(), actor.accountId);
    return this.listed(rows);
  }

  /** A supervisor's list reads each participant's reason: audited on each participant's log (rule 12). */
  private listed(rows: BreakGlassRow[]): Promise<EmergencyAccess[]> {
    for (const row of rows) this.audit.touch(row.participantId);
    return this.toModels(rows);
  }

  private windowMs(): number {
    return this.config.BREAK_GLASS_REPEAT_WINDOW_HOURS * 3_600_000;
  }

  private durationMs(): number {
    return this.config.BREAK_GLASS_MINUTES * 60_000;
  }

  /** Serialises break-glass changes per participant, so "one open at a time" holds under concurrency. */
  private async lockParticipant(manager: EntityManager, participantId: string): Promise<void> {
    await this.repository.lockParticipant(manager, participantId);
  }

  private async assertNoneOpen(manager: EntityManager, participantId: string, now: Date): Promise<void> {
    if (await this.repository.anyOpen(manager, participantId, now))
      throw stateConflict('Emergency access is already open for this participant');
  }

  private openedEntry(row: BreakGlassRow) {
    return {
      participantId: row.participantId,
      actor: row.accountId,
      action: 'emergencyAccessOpened',
      kind: 'BREAK_GLASS' as const,
      reason: row.reason,
      itemId: row.id,
    };
  }

  private async find(id: string): Promise<BreakGlassRow> {
    const row = await this.repository.byId(id);
    if (!row) throw notFound();
    return row;
  }

  private async row(id: string): Promise<BreakGlassRow> {
    return this.find(id);
  }

  private async toModel(row: BreakGlassRow): Promise<EmergencyAccess> {
    return (await this.toModels([row]))[0];
  }

  private async toModels(rows: BreakGlassRow[]): Promise<EmergencyAccess[]> {
    const ids = [...new Set(rows.flatMap((row) => [row.accountId, row.approvedBy, row.reviewedBy]))].filter(
      (id): id is string => Boolean(id),
    );
    const names = new Map<string, string>(
      ids.length ? (await this.repository.accountNames(ids)).map((account) => [account.id, account.display_name]) : [],
    );
    const person = (id: string) => ({ accountId: id, displayName: names.get(id) ?? 'Former member' });
    const now = this.clock.now();
    return rows.map((row) => {
      const active = Boolean(row.startedAt) && !row.endedAt && row.endsAt > now;
      const status = active
        ? EmergencyAccessStatus.OPEN
        : row.startedAt
          ? EmergencyAccessStatus.ENDED
          : !row.endedAt && row.endsAt > now
            ? EmergencyAccessStatus.AWAITING_APPROVAL
            : EmergencyAccessStatus.LAPSED;
      return {
        id: row.id,
        participantId: row.participantId,
        participantName: row.participantName,
        clinician: person(row.accountId),
        reason: row.reason,
        status,
        requestedAt: row.requestedAt,
        startedAt: row.startedAt,
        endsAt: row.endsAt,
        endedAt: row.endedAt,
        approvalRequired: row.approvalRequired,
        approvedBy: row.approvedBy ? person(row.approvedBy) : null,
        approvedAt: row.approvedAt,
        review:
          row.reviewedBy && row.reviewedAt && row.reviewNote
            ? { reviewedBy: person(row.reviewedBy), reviewedAt: row.reviewedAt, note: row.reviewNote }
            : null,
        active,
      };
    });
  }
}
