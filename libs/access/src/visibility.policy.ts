import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccountKind, Discipline, ProgramRole, SensitivityLabel } from '@roundtable/contracts';
import type { Actor } from '@roundtable/identity';
import { Clock } from '@roundtable/platform';
import { AuditTrail } from './audit-trail';
import { CompartmentPolicy } from './compartment.policy';

const { GENERAL, HOUSING, HEALTH, MENTAL_HEALTH, LEGAL } = SensitivityLabel;

/**
 * What each discipline sees before the participant grants anything (PRODUCT.md rule 10).
 * Substance use is nobody's by default; anything unlisted is hidden.
 */
export const DEFAULT_LABELS_BY_DISCIPLINE: Record<Discipline, readonly SensitivityLabel[]> = {
  [Discipline.CASE_MANAGEMENT]: [GENERAL, HOUSING, HEALTH, MENTAL_HEALTH, LEGAL],
  [Discipline.MEDICAL]: [GENERAL, HOUSING, HEALTH, MENTAL_HEALTH],
  [Discipline.NURSING]: [GENERAL, HOUSING, HEALTH, MENTAL_HEALTH],
  [Discipline.BEHAVIOURAL_HEALTH]: [GENERAL, HOUSING, HEALTH, MENTAL_HEALTH],
  [Discipline.RECOVERY_COUNSELLING]: [GENERAL, HOUSING, HEALTH, MENTAL_HEALTH],
  [Discipline.PEER_SUPPORT]: [GENERAL, HOUSING],
  [Discipline.HOUSING]: [GENERAL, HOUSING],
};

export const ALL_LABELS = Object.values(SensitivityLabel);

/** Where a viewer's access to a label comes from, for the participant's overview. */
export type AccessSource = 'DEFAULT' | 'GRANT' | 'EMERGENCY';

/**
 * Which sensitivity labels of a participant's plan an actor sees: everything for the
 * participant; for care-team staff their discipline's defaults plus the participant's
 * active grants (to them, or to their discipline) plus any active break-glass; for a
 * support person only what was granted to them; nothing outside the compartment. The one
 * answer every read path and (later) every realtime delivery uses; grants end by the clock.
 */
@Injectable()
export class VisibilityPolicy {
  constructor(
    private readonly clock: Clock,
    private readonly compartment: CompartmentPolicy,
    private readonly audit: AuditTrail,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async visibleLabels(actor: Actor, participantId: string): Promise<Set<SensitivityLabel>> {
    const readable = await this.compartment.readableParticipantIds(actor, [participantId]);
    return readable.has(participantId) ? new Set((await this.sources(actor, participantId)).keys()) : new Set();
  }

  /** The labels the actor sees; NOT_FOUND when they may not see the participant at all. Audited. */
  async requireVisibleLabels(actor: Actor, participantId: string): Promise<Set<SensitivityLabel>> {
    await this.compartment.assertReadable(actor, participantId);
    const labels = new Set((await this.sources(actor, participantId)).keys());
    this.audit.touch(participantId, labels);
    return labels;
  }

  /** Each visible label and where access to it comes from (the compartment is checked by callers). */
  async sources(actor: Actor, participantId: string): Promise<Map<SensitivityLabel, AccessSource>> {
    if (actor.kind === AccountKind.PARTICIPANT) {
      return new Map(
        actor.participantId === participantId ? ALL_LABELS.map((label) => [label, 'DEFAULT' as const]) : [],
      );
    }
    if (actor.programRole === ProgramRole.ADMINISTRATOR) return new Map();
    const result = new Map<SensitivityLabel, AccessSource>();
    if (actor.kind === AccountKind.STAFF && actor.discipline) {
      for (const label of DEFAULT_LABELS_BY_DISCIPLINE[actor.discipline]) result.set(label, 'DEFAULT');
    }
    const rows: { label: string }[] = await this.dataSource.query(
      `SELECT g.label FROM consent_grant g
        WHERE g.participant_id = $1 AND g.revoked_at IS NULL AND g.starts_at <= $3 AND (g.ends_at IS NULL OR g.ends_at > $3)
          AND (g.grantee_account = $2
               OR (g.grantee_discipline = $4 AND (g.includes_future_members OR EXISTS (
                     SELECT 1 FROM care_team_membership m
                      WHERE m.account_id = $2 AND m.participant_id = $1 AND m.starts_at <= g.starts_at
                        AND (m.ends_at IS NULL OR m.ends_at > $3)))))
       UNION ALL
       SELECT 'BREAK_GLASS' FROM break_glass b
        WHERE b.participant_id = $1 AND b.account_id = $2 AND b.ended_at IS NULL AND b.started_at <= $3 AND b.ends_at > $3`,
      [participantId, actor.accountId, this.clock.now(), actor.discipline ?? null],
    );
    for (const { label } of rows) {
      if (label === 'BREAK_GLASS') {
        for (const any of ALL_LABELS) if (!result.has(any)) result.set(any, 'EMERGENCY');
      } else if (!result.has(label as SensitivityLabel)) {
        result.set(label as SensitivityLabel, 'GRANT');
      }
    }
    return result;
  }

  /**
   * When this actor's access to the participant next changes by the clock alone (a grant,
   * a break-glass or a membership reaching its end), so live connections re-check then.
   */
  async nextChangeAt(actor: Actor, participantId: string): Promise<Date | null> {
    const [row]: { next: Date | null }[] = await this.dataSource.query(
      `SELECT min(t) AS next FROM (
         SELECT g.ends_at AS t FROM consent_grant g
          WHERE g.participant_id = $1 AND g.revoked_at IS NULL AND g.ends_at > $3
            AND (g.grantee_account = $2 OR g.grantee_discipline = $4)
         UNION ALL
         SELECT b.ends_at FROM break_glass b
          WHERE b.participant_id = $1 AND b.account_id = $2 AND b.ended_at IS NULL AND b.ends_at > $3
         UNION ALL
         SELECT m.ends_at FROM care_team_membership m
          WHERE m.participant_id = $1 AND m.account_id = $2 AND m.ends_at > $3) upcoming`,
      [participantId, actor.accountId, this.clock.now(), actor.discipline ?? null],
    );
    return row?.next ?? null;
  }

  /**
   * When the actor's current access to each visible label began: the participant always;
   * staff defaults since their current membership began; a grant or break-glass since it
   * started. Realtime replay never reaches back before these moments.
   */
  async accessSince(actor: Actor, participantId: string): Promise<Map<SensitivityLabel, Date>> {
    const sources = await this.sources(actor, participantId);
    const since = new Map<SensitivityLabel, Date>();
    if (actor.kind === AccountKind.PARTICIPANT) {
      for (const label of sources.keys()) since.set(label, new Date(0));
      return since;
    }
    const rows: { kind: string; label: string | null; at: Date }[] = await this.dataSource.query(
      `SELECT 'MEMBERSHIP' AS kind, NULL AS label, min(m.starts_at) AS at FROM care_team_membership m
        WHERE m.participant_id = $1 AND m.account_id = $2 AND m.starts_at <= $3 AND (m.ends_at IS NULL OR m.ends_at > $3)
       UNION ALL
       SELECT 'GRANT', g.label, min(g.starts_at) FROM consent_grant g
        WHERE g.participant_id = $1 AND g.revoked_at IS NULL AND g.starts_at <= $3 AND (g.ends_at IS NULL OR g.ends_at > $3)
          AND (g.grantee_account = $2 OR g.grantee_discipline = $4)
        GROUP BY g.label
       UNION ALL
       SELECT 'EMERGENCY', NULL, min(b.started_at) FROM break_glass b
        WHERE b.participant_id = $1 AND b.account_id = $2 AND b.ended_at IS NULL AND b.ends_at > $3`,
      [participantId, actor.accountId, this.clock.now(), actor.discipline ?? null],
    );
    const membership = rows.find((row) => row.kind === 'MEMBERSHIP')?.at ?? null;
    const emergency = rows.find((row) => row.kind === 'EMERGENCY')?.at ?? null;
    for (const [label, source] of sources) {
      const grant = rows.find((row) => row.kind === 'GRANT' && row.label === label)?.at ?? null;
      const at = source === 'DEFAULT' ? membership : source === 'GRANT' ? grant : emergency;
      if (at) since.set(label, at);
    }
    return since;
  }
}
