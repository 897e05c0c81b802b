import { AccountKind, Discipline, ProgramRole } from '@roundtable/contracts';
import type { Actor } from '@roundtable/identity';
import { forbidden, notFound } from '@roundtable/platform';
import { CompartmentRules, refusal, type ParticipantThemselfFacts, type StaffOnTeamFacts } from './compartment.rules';
import type { RuleTable } from './rule-table';

/** Physicians, prescribers and nurses (PRODUCT.md "Who does what"): the clinicians of break-glass. */
export const BREAK_GLASS_DISCIPLINES: ReadonlySet<Discipline> = new Set([Discipline.MEDICAL, Discipline.NURSING]);

/** The break-glass access an operation acts on, with the program of its participant. */
export interface BreakGlassRecord {
  participantId: string;
  programId: string;
  accountId: string;
}

/**
 * Who may do what with emergency ("break-glass") access (PRODUCT.md rule 12: a reason, time
 * limits, audited, shown to the participant; ARCHITECTURE.md "Separation of duties").
 * BreakGlassPolicy (break-glass.policy.ts) loads the facts and calls these through `authorize`.
 */
export class BreakGlassRules {
  /**
   * Rule 12: a physician, prescriber or nurse on the participant's care team. Anyone else on
   * the team is refused; anyone outside it learns nothing (rule 11).
   */
  static request(actor: Pick<Actor, 'discipline'>, team: StaffOnTeamFacts): void {
    CompartmentRules.staffOnTeam(team);
    if (!actor.discipline || !BREAK_GLASS_DISCIPLINES.has(actor.discipline)) {
      throw forbidden('Emergency access is for the physicians, prescribers and nurses on the care team');
    }
  }

  /** Rule 12: the clinician who holds it ends it; to anyone else it does not exist (rule 11). */
  static end(actor: Pick<Actor, 'accountId'>, access: BreakGlassRecord): void {
    if (access.accountId !== actor.accountId) throw notFound();
  }

  /**
   * Rule 12 and separation of duties: a supervisor of the participant's program who is not the
   * clinician approves and reviews; nobody approves or reviews their own emergency access.
   */
  static supervise(actor: Actor, access: BreakGlassRecord): void {
    if (access.accountId === actor.accountId) {
      throw forbidden('A supervisor other than the clinician approves and reviews emergency access');
    }
    if (!BreakGlassRules.supervises(actor, access.programId)) throw notFound();
  }

  /** Rule 12: supervisors review emergency access, for their own program. */
  static listForSupervision(actor: Actor): void {
    if (!actor.programId || !BreakGlassRules.supervises(actor, actor.programId)) {
      throw forbidden('Only program supervisors review emergency access');
    }
  }

  /** Rule 12: shown to the participant; their team is told no, anyone else learns nothing (rule 11). */
  static readOwn(facts: ParticipantThemselfFacts): void {
    if (facts.isParticipant) return;
    throw refusal(facts.knowsParticipant, 'Only the participant sees this list');
  }

  private static supervises(actor: Actor, programId: string): boolean {
    return (
      actor.kind === AccountKind.STAFF && actor.programRole === ProgramRole.SUPERVISOR && actor.programId === programId
    );
  }
}

/** Who may, per break-glass permission (authorize dispatches on these). */
export const BREAK_GLASS_RULES = {
  'breakGlass.request': BreakGlassRules.request,
  'breakGlass.end': BreakGlassRules.end,
  'breakGlass.approve': BreakGlassRules.supervise,
  'breakGlass.review': BreakGlassRules.supervise,
  'breakGlass.listForSupervision': BreakGlassRules.listForSupervision,
  'breakGlass.readOwn': BreakGlassRules.readOwn,
} as const satisfies RuleTable;
