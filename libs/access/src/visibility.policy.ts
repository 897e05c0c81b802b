import { Injectable } from '@nestjs/common';
import { AccountKind, Discipline, ProgramRole, SensitivityLabel } from '@roundtable/contracts';
import type { Actor } from '@roundtable/identity';
import { Clock, mustGet } from '@roundtable/platform';
import { AuditTrail } from './audit-trail';
import { CompartmentPolicy } from './policies/compartment.policy';
import { VisibilityRepository } from './visibility.repository';
import { RequestAccess, type AccessSnapshot } from './request-access';

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
 * answer every read path and every realtime delivery uses; grants end by the clock.
 */
@Injectable()
export class VisibilityPolicy {
  constructor(
    private readonly clock: Clock,
    private readonly compartment: CompartmentPolicy,
    private readonly audit: AuditTrail,
    private readonly requestAccess: RequestAccess,
    private readonly repository: VisibilityRepository,
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
    return mustGet(await this.sourcesOf([actor], participantId), actor.accountId);
  }

  /**
   * What each of several people sees in one participant's plan, in two round trips whatever
   * their number (a conference's attendees): the compartment, then grants and break-glass.
   */
  async visibleLabelsOf(actors: readonly Actor[], participantId: string): Promise<Map<string, Set<SensitivityLabel>>> {
    return mustGet(await this.visibleLabelsInPlans([{ participantId, actors }]), participantId);
  }

  /**
   * `visibleLabelsOf` for several participants' plans, each with its own people, in two round
   * trips whatever their number (rounds: every conference audience of the day): participant →
   * account → labels; someone outside a plan's compartment sees nothing in it (rule 10).
   */
  async visibleLabelsInPlans(
    plans: readonly { participantId: string; actors: readonly Actor[] }[],
  ): Promise<Map<string, Map<string, Set<SensitivityLabel>>>> {
    const members = await this.compartment.membersAmongAcross(
      plans.map(({ participantId, actors }) => ({
        participantId,
        accountIds: actors.filter((actor) => actor.kind !== AccountKind.PARTICIPANT).map((actor) => actor.accountId),
      })),
    );
    const readers = plans.map(({ participantId, actors }) =>
      actors.filter((actor) =>
        actor.kind === AccountKind.PARTICIPANT
          ? actor.participantId === participantId
          : mustGet(members, participantId).has(actor.accountId),
      ),
    );
    const everyone = [...new Map(readers.flat().map((actor) => [actor.accountId, actor])).values()];
    const sources = await this.sourcesIn(
      everyone,
      plans.map(({ participantId }) => participantId),
    );
    return new Map(
      plans.map(({ participantId, actors }, index) => {
        const reading = new Set(readers[index].map((actor) => actor.accountId));
        const byActor = mustGet(sources, participantId);
        return [
          participantId,
          new Map(
            actors.map((actor) => [
              actor.accountId,
              new Set(reading.has(actor.accountId) ? (byActor.get(actor.accountId)?.keys() ?? []) : []),
            ]),
          ),
        ];
      }),
    );
  }

  /**
   * What one staff member sees in each of several participants' plans, in two round trips
   * whatever their number (a caseload's "waiting for you"): the compartment, then grants and
   * break-glass. Participants outside the compartment get an empty set (rule 10).
   */
  async visibleLabelsAcross(
    actor: Actor,
    participantIds: readonly string[],
  ): Promise<Map<string, Set<SensitivityLabel>>> {
    const readable = await this.compartment.readableParticipantIds(actor, participantIds);
    const sources = await this.sourcesIn([actor], [...readable]);
    return new Map(participantIds.map((id) => [id, new Set(sources.get(id)?.get(actor.accountId)?.keys() ?? [])]));
  }

  /**
   * `sources` for several people at once: defaults by discipline, then one query for grants
   * and break-glass (the compartment is checked by callers: the participant's overview of
   * their current team asks it for every member in one round trip).
   */
  async sourcesOf(
    actors: readonly Actor[],
    participantId: string,
  ): Promise<Map<string, Map<SensitivityLabel, AccessSource>>> {
    return mustGet(await this.sourcesIn(actors, [participantId]), participantId);
  }

  /**
   * Participant → account → label → where it comes from, for several people in several plans
   * (the compartment is checked by callers): defaults by discipline, then one query for
   * grants and break-glass.
   */
  private async sourcesIn(
    actors: readonly Actor[],
    participantIds: readonly string[],
  ): Promise<Map<string, Map<string, Map<SensitivityLabel, AccessSource>>>> {
    const result = new Map<string, Map<string, Map<SensitivityLabel, AccessSource>>>();
    const granted: Actor[] = [];
    for (const participantId of participantIds) {
      const byActor = new Map<string, Map<SensitivityLabel, AccessSource>>();
      result.set(participantId, byActor);
      for (const actor of actors) {
        const labels = new Map<SensitivityLabel, AccessSource>();
        byActor.set(actor.accountId, labels);
        if (actor.kind === AccountKind.PARTICIPANT) {
          if (actor.participantId === participantId) for (const label of ALL_LABELS) labels.set(label, 'DEFAULT');
          continue;
        }
        if (actor.programRole === ProgramRole.ADMINISTRATOR) continue;
        if (actor.kind === AccountKind.STAFF && actor.discipline) {
          for (const label of DEFAULT_LABELS_BY_DISCIPLINE[actor.discipline]) labels.set(label, 'DEFAULT');
        }
      }
    }
    for (const actor of actors) {
      if (actor.kind !== AccountKind.PARTICIPANT && actor.programRole !== ProgramRole.ADMINISTRATOR)
        granted.push(actor);
    }
    if (granted.length === 0 || participantIds.length === 0) return result;
    const snapshot = granted.length === 1 ? await this.requestAccess.of(granted[0]) : undefined;
    if (snapshot && participantIds.every((id) => snapshot.memberships.has(id))) {
      for (const participantId of participantIds) {
        addGranted(mustGet(mustGet(result, participantId), granted[0].accountId), grantedFrom(snapshot, participantId));
      }
      return result;
    }
    const rows = await this.repository.grantedLabels(
      participantIds,
      granted.map((actor) => actor.accountId),
      this.clock.now(),
      granted.map((actor) => actor.discipline ?? null),
    );
    for (const { participant_id: participantId, account_id: accountId, label } of rows) {
      addGranted(mustGet(mustGet(result, participantId), accountId), [label as SensitivityLabel | 'BREAK_GLASS']);
    }
    return result;
  }

  /**
   * When this actor's access to the participant next changes by the clock alone (a grant,
   * a break-glass or a membership reaching its end), so live connections re-check then.
   */
  async nextChangeAt(actor: Actor, participantId: string): Promise<Date | null> {
    const next = await this.repository.nextChangeAt(
      participantId,
      actor.accountId,
      this.clock.now(),
      actor.discipline ?? null,
    );
    return next;
  }

  /**
   * `nextChangeAt` for several people in one participant's plan, in one round trip (realtime
   * re-checks every socket of a room at once when the access epoch moves; rule 10).
   */
  async nextChangesAt(actors: readonly Actor[], participantId: string): Promise<Map<string, Date | null>> {
    const result = new Map<string, Date | null>(actors.map((actor) => [actor.accountId, null]));
    if (actors.length === 0) return result;
    const rows = await this.repository.nextChangesAt(
      participantId,
      actors.map((actor) => actor.accountId),
      this.clock.now(),
      actors.map((actor) => actor.discipline ?? null),
    );
    for (const row of rows) result.set(row.account_id, row.next);
    return result;
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
    const rows = await this.repository.accessSince(
      participantId,
      actor.accountId,
      this.clock.now(),
      actor.discipline ?? null,
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

/** A member's grants and break-glass for one participant, as the grants query would list them. */
function grantedFrom(snapshot: AccessSnapshot, participantId: string): (SensitivityLabel | 'BREAK_GLASS')[] {
  const labels: (SensitivityLabel | 'BREAK_GLASS')[] = [...(snapshot.grants.get(participantId) ?? [])];
  if (snapshot.emergencies.has(participantId)) labels.push('BREAK_GLASS');
  return labels;
}

/** Defaults first, then grants, then break-glass for everything else (where access comes from, for the overview). */
function addGranted(
  labels: Map<SensitivityLabel, AccessSource>,
  granted: Iterable<SensitivityLabel | 'BREAK_GLASS'>,
): void {
  for (const label of granted) {
    if (label === 'BREAK_GLASS') {
      for (const any of ALL_LABELS) if (!labels.has(any)) labels.set(any, 'EMERGENCY');
    } else if (!labels.has(label)) {
      labels.set(label, 'GRANT');
    }
  }
}
