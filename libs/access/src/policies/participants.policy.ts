import { AccountKind } from '@roundtable/contracts';
import type { Actor } from '@roundtable/identity';
import { forbidden } from '@roundtable/platform';
import type { RuleTable } from './rule-table';

/**
 * Participant records and the program roster ("Who does what" in docs/product-rules.md, and
 * rule 10: nobody sees more than their role needs). Plain facts in, so ParticipantsService
 * and ParticipantsResolver keep their order of checks. Both return the caller's program id,
 * which they proved the caller has.
 */
export class ParticipantsPolicy {
  /** "Who does what": staff of a program add participants to it (and join their team, unless administrators). */
  static createParticipant(actor: Pick<Actor, 'kind' | 'programId'>): string {
    if (actor.kind !== AccountKind.STAFF || !actor.programId) throw forbidden('Only staff can add a participant');
    return actor.programId;
  }

  /**
   * "Who does what" and rule 10: supervisors and administrators see their program's roster
   * (participants and care teams, no plan content); nobody else does.
   */
  static readProgramRoster(facts: { seesProgramRoster: boolean }, actor: Pick<Actor, 'programId'>): string {
    if (!facts.seesProgramRoster || !actor.programId) {
      throw forbidden('Only supervisors and administrators see the program roster');
    }
    return actor.programId;
  }
}

/** Who may, per participant permission (authorize dispatches on these). */
export const PARTICIPANTS_RULES = {
  'participant.create': ParticipantsPolicy.createParticipant,
  'participant.readProgramRoster': ParticipantsPolicy.readProgramRoster,
} as const satisfies RuleTable;
