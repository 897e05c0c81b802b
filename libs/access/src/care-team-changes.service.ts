import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccountKind, SensitivityLabel, TeamRole } from '@roundtable/contracts';
import { AccountEntity, type Actor } from '@roundtable/identity';
import { Clock } from '@roundtable/platform';
import { CareTeamChangesRepository } from './care-team-changes.repository';
import type { CareTeamChangeRecord } from './care-team-changes.models';
import { actorOfAccount } from './consent.service';
import { CareTeamPermission, CareTeamPolicy } from './policies/care-team.policy';
import { ALL_LABELS, DEFAULT_LABELS_BY_DISCIPLINE, VisibilityPolicy } from './visibility.policy';

/**
 * The participant's record of every change to their care team (PRODUCT.md rule 10), newest
 * first, with what each member sees: their discipline's defaults, and (for the participant
 * only, since grants are the participant's own consent decisions) what their grants add.
 */
@Injectable()
export class CareTeamChangesService {
  constructor(
    private readonly clock: Clock,
    private readonly policy: CareTeamPolicy,
    private readonly visibility: VisibilityPolicy,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: CareTeamChangesRepository,
  ) {}

  async changes(actor: Actor, participantId: string): Promise<CareTeamChangeRecord[]> {
    await this.policy.authorize(actor, CareTeamPermission.READ_CHANGES, { participantId });
    const rows = await this.repository.changes(participantId, this.clock.now());
    const isParticipant = actor.kind === AccountKind.PARTICIPANT && actor.participantId === participantId;
    const granted = isParticipant
      ? await this.grantedLabels(
          participantId,
          rows.filter((row) => row.membership_open).map((row) => row.account_id),
        )
      : new Map<string, SensitivityLabel[]>();
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      changedAt: row.changed_at,
      effectiveAt: row.effective_at,
      until: row.until,
      membershipId: row.membership_id,
      member: { accountId: row.account_id, displayName: row.member_name },
      discipline: row.discipline,
      teamRole: row.team_role,
      changedBy: row.changed_by ? { accountId: row.changed_by, displayName: row.changed_by_name ?? 'Unknown' } : null,
      defaultLabels:
        row.team_role === TeamRole.SUPPORT_PERSON || !row.discipline
          ? []
          : [...DEFAULT_LABELS_BY_DISCIPLINE[row.discipline]],
      grantedLabels: row.membership_open ? (granted.get(row.account_id) ?? []) : [],
    }));
  }

  /** For each current member: the labels the participant's grants add to their defaults (not break-glass). */
  private async grantedLabels(participantId: string, accountIds: string[]): Promise<Map<string, SensitivityLabel[]>> {
    const unique = [...new Set(accountIds)];
    const accounts = unique.length
      ? await this.dataSource.getRepository(AccountEntity).findBy(unique.map((id) => ({ id })))
      : [];
    const result = new Map<string, SensitivityLabel[]>();
    for (const account of accounts) {
      const sources = await this.visibility.sources(actorOfAccount(account), participantId);
      result.set(
        account.id,
        ALL_LABELS.filter((label) => sources.get(label) === 'GRANT'),
      );
    }
    return result;
  }
}
