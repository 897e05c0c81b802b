import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccountKind, Discipline, SensitivityLabel, TeamRole } from '@roundtable/contracts';
import { CareTeamChangeKind } from '@roundtable/care-team';
import { AccountEntity, type Actor } from '@roundtable/identity';
import { Clock } from '@roundtable/platform';
import type { CareTeamChangeRecord } from './care-team-changes.models';
import { actorOfAccount } from './consent.service';
import { CareTeamPermission, CareTeamPolicy } from './policies/care-team.policy';
import { ALL_LABELS, DEFAULT_LABELS_BY_DISCIPLINE, VisibilityPolicy } from './visibility.policy';

interface ChangeRow {
  id: string;
  kind: CareTeamChangeKind;
  changed_at: Date;
  effective_at: Date;
  until: Date | null;
  membership_id: string;
  account_id: string;
  member_name: string;
  discipline: Discipline | null;
  team_role: TeamRole;
  changed_by: string | null;
  changed_by_name: string | null;
  membership_open: boolean;
}

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
  ) {}

  async changes(actor: Actor, participantId: string): Promise<CareTeamChangeRecord[]> {
    await this.policy.authorize(actor, CareTeamPermission.READ_CHANGES, { participantId });
    const rows: ChangeRow[] = await this.dataSource.query(
      `SELECT c.id, c.kind, c.changed_at, c.effective_at, c.until, c.membership_id, c.account_id,
              a.display_name AS member_name, c.discipline, c.team_role, c.changed_by,
              b.display_name AS changed_by_name,
              (m.starts_at <= $2 AND (m.ends_at IS NULL OR m.ends_at > $2)) AS membership_open
         FROM care_team_change c
         JOIN account a ON a.id = c.account_id
         JOIN care_team_membership m ON m.id = c.membership_id
         LEFT JOIN account b ON b.id = c.changed_by
        WHERE c.participant_id = $1
        ORDER BY c.changed_at DESC, c.kind = 'JOINED', c.id DESC`,
      [participantId, this.clock.now()],
    );
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
