import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SensitivityLabel } from '@roundtable/contracts';
import { CareTeamRepository } from '@roundtable/care-team';
import { actorFromAccount, AccountEntity, type Actor } from '@roundtable/identity';
import {
  badUserInput,
  checkPageSize,
  Clock,
  CONSENT_CHANGED,
  decodeCursor,
  encodeCursor,
  mustGet,
  notFound,
  transactionThenPublish,
  type CommittingWrite,
  type ConsentChanged,
} from '@roundtable/platform';
import { ConsentGrantEntity } from './access.entities';
import { AuditTrail } from './audit-trail';
import { AuditRepository } from './audit.repository';
import { ConsentPolicy } from './policies/consent.policy';
import {
  LabelAccessSource,
  type AccessLog,
  type ConsentGrant,
  type GrantVisibilityInput,
  type MemberAccess,
} from './consent.models';
import { VisibilityPolicy } from './visibility.policy';

/** A team member or participant as an Actor with no session: who they are, to ask what they may see. */
export function actorOfAccount(account: AccountEntity): Actor {
  return actorFromAccount(account, '');
}

/**
 * The participant decides who sees what: grants per label to a person or a discipline,
 * each with an end date or end event, revocable at once, with history; a "who sees what"
 * overview; and the access log. Break-glass lives in BreakGlassService.
 */
@Injectable()
export class ConsentService {
  constructor(
    private readonly clock: Clock,
    private readonly policy: ConsentPolicy,
    private readonly visibility: VisibilityPolicy,
    private readonly store: CareTeamRepository,
    private readonly audit: AuditTrail,
    private readonly events: EventEmitter2,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly auditRepository: AuditRepository,
  ) {}

  /** Only the participant themselves; others get FORBIDDEN if they know the participant, NOT_FOUND otherwise. */
  assertIsParticipant(actor: Actor, participantId: string): Promise<void> {
    return this.policy.assertIsParticipant(actor, participantId);
  }

  async grant(actor: Actor, input: GrantVisibilityInput): Promise<ConsentGrant> {
    await this.assertIsParticipant(actor, input.participantId);
    if (Boolean(input.accountId) === Boolean(input.discipline)) {
      throw badUserInput('input.accountId', 'input.accountId: choose one person, or a discipline');
    }
    const now = this.clock.now();
    if (!input.endsAt && !input.endEvent)
      throw badUserInput('input.endsAt', 'input.endsAt: give an end date or an end event');
    if (input.endsAt && input.endsAt <= now) throw badUserInput('input.endsAt', 'input.endsAt: must be in the future');
    if (input.accountId) {
      const members = (await this.store.currentMembers([input.participantId], now)).get(input.participantId) ?? [];
      if (!members.some((member) => member.accountId === input.accountId)) {
        throw badUserInput('input.accountId', 'input.accountId: not on your care team');
      }
    }
    const grant = await transactionThenPublish(this.dataSource, async (write) => {
      const saved = await write.manager.getRepository(ConsentGrantEntity).save({
        participantId: input.participantId,
        label: input.label,
        granteeAccount: input.accountId ?? null,
        granteeDiscipline: input.discipline ?? null,
        includesFutureMembers: input.discipline ? input.includesFutureMembers : false,
        startsAt: now,
        endsAt: input.endsAt ?? null,
        endEvent: input.endEvent?.trim() ?? null,
        grantedBy: actor.accountId,
        revokedAt: null,
        revokedBy: null,
      });
      await this.audited(write, 'GRANTED', saved, actor);
      return saved;
    });
    return (await this.toModels([grant]))[0];
  }

  /** Takes effect at once: the next read (and realtime delivery) no longer includes the label. */
  async revoke(actor: Actor, grantId: string): Promise<ConsentGrant> {
    const grant = await this.dataSource.getRepository(ConsentGrantEntity).findOneBy({ id: grantId });
    if (!grant) throw notFound();
    await this.assertIsParticipant(actor, grant.participantId);
    if (!grant.revokedAt) {
      grant.revokedAt = this.clock.now();
      grant.revokedBy = actor.accountId;
      // The database bumps the participant's access epoch with this update (docs/realtime-revocation.md).
      await transactionThenPublish(this.dataSource, async (write) => {
        await write.manager.getRepository(ConsentGrantEntity).save(grant);
        await this.audited(write, 'REVOKED', grant, actor);
      });
    }
    return (await this.toModels([grant]))[0];
  }

  /**
   * The audit row of a grant or revoke, in its transaction; once that commits, ACCESS_CHANGED
   * (from the audit trail: live connections are re-checked at once, rule 10) and then
   * CONSENT_CHANGED saying what changed.
   */
  private async audited(
    write: CommittingWrite,
    kind: ConsentChanged['kind'],
    grant: ConsentGrantEntity,
    actor: Actor,
  ): Promise<void> {
    await this.audit.recordIn(write, {
      participantId: grant.participantId,
      actor: actor.accountId,
      action: kind === 'GRANTED' ? 'grantVisibility' : 'revokeVisibility',
      kind: 'CONSENT',
      labels: [grant.label],
      itemId: grant.id,
    });
    const changed: ConsentChanged = {
      kind,
      participantId: grant.participantId,
      grantId: grant.id,
      label: grant.label,
      accountId: grant.granteeAccount,
      discipline: grant.granteeDiscipline,
    };
    write.afterCommit(() => this.events.emit(CONSENT_CHANGED, changed));
  }

  /** One grant, for its participant only (a retried grantVisibility answers with it). */
  async grantOf(actor: Actor, grantId: string): Promise<ConsentGrant> {
    const grant = await this.dataSource.getRepository(ConsentGrantEntity).findOneBy({ id: grantId });
    if (!grant) throw notFound();
    await this.assertIsParticipant(actor, grant.participantId);
    return (await this.toModels([grant]))[0];
  }

  async grants(actor: Actor, participantId: string): Promise<ConsentGrant[]> {
    await this.assertIsParticipant(actor, participantId);
    const rows = await this.dataSource
      .getRepository(ConsentGrantEntity)
      .find({ where: { participantId }, order: { startsAt: 'DESC', id: 'DESC' } });
    return this.toModels(rows);
  }

  /** For every current member: each label they see and why. */
  async whoSeesWhat(actor: Actor, participantId: string): Promise<MemberAccess[]> {
    await this.assertIsParticipant(actor, participantId);
    const { members, sources } = await this.memberSources(participantId);
    return members.map((member) => {
      const theirs = mustGet(sources, member.accountId);
      const labels = Object.values(SensitivityLabel)
        .filter((label) => theirs.has(label))
        .map((label) => ({ label, source: theirs.get(label) as LabelAccessSource }));
      return { member, labels };
    });
  }

  /**
   * Whether anyone on the participant's team now (staff or support person) sees `to` without
   * seeing every one of `from`. Labels are separate compartments, not nested ones, so moving an
   * item from one to a "stricter" one can show it to someone the participant never showed it
   * to; a team member may only move it where nobody gains sight of it (PRODUCT.md rule 10: the
   * participant decides who sees what).
   */
  async someoneWouldGainSight(
    participantId: string,
    from: readonly SensitivityLabel[],
    to: SensitivityLabel,
  ): Promise<boolean> {
    const { sources } = await this.memberSources(participantId);
    return [...sources.values()].some((theirs) => theirs.has(to) && from.some((label) => !theirs.has(label)));
  }

  /** Every current member and their sources, in three round trips whatever the team's size (issue 15). */
  private async memberSources(participantId: string) {
    const members = (await this.store.currentMembers([participantId], this.clock.now())).get(participantId) ?? [];
    const accounts = await this.dataSource
      .getRepository(AccountEntity)
      .findBy(members.map((member) => ({ id: member.accountId })));
    const byAccount = new Map(accounts.map((account) => [account.id, account]));
    const sources = await this.visibility.sourcesOf(
      members.map((member) => actorOfAccount(mustGet(byAccount, member.accountId))),
      participantId,
    );
    return { members, sources };
  }

  /** Who viewed or changed the plan (or tried to), newest first. */
  async accessLog(actor: Actor, participantId: string, first: number, after?: string | null): Promise<AccessLog> {
    await this.assertIsParticipant(actor, participantId);
    checkPageSize(first);
    const cursor = after ? decodeCursor(after) : null;
    const rows = await this.auditRepository.page(participantId, cursor?.at ?? null, cursor?.id ?? null, first + 1);
    const page = rows.slice(0, first);
    const edges = page.map((row) => ({
      cursor: encodeCursor(row.at, row.id),
      node: {
        id: row.id,
        actor: row.actor ? { accountId: row.actor, displayName: row.display_name ?? 'Unknown' } : null,
        action: row.action,
        kind: row.kind,
        labels: row.labels,
        reason: row.reason,
        at: row.at,
      },
    }));
    return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  private async names(ids: (string | null)[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids.filter((id): id is string => Boolean(id)))];
    const accounts = unique.length
      ? await this.dataSource.getRepository(AccountEntity).findBy(unique.map((id) => ({ id })))
      : [];
    return new Map(accounts.map((account) => [account.id, account.displayName]));
  }

  private async toModels(rows: ConsentGrantEntity[]): Promise<ConsentGrant[]> {
    const names = await this.names(rows.map((row) => row.granteeAccount));
    const now = this.clock.now();
    return rows.map((row) => ({
      id: row.id,
      label: row.label,
      grantee: row.granteeAccount
        ? { accountId: row.granteeAccount, displayName: names.get(row.granteeAccount) ?? 'Former member' }
        : null,
      discipline: row.granteeDiscipline,
      includesFutureMembers: row.includesFutureMembers,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      endEvent: row.endEvent,
      revokedAt: row.revokedAt,
      active: !row.revokedAt && row.startsAt <= now && (!row.endsAt || row.endsAt > now),
    }));
  }
}
