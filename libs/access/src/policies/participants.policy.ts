import { AccountKind } from '@roundtable/contracts';
import type { Actor } from '@roundtable/identity';
import { forbidden } from '@roundtable/platform';

/**
 * Participant records and the program roster ("Who does what" in docs/product-rules.md, and
 * rule 10: nobody sees more than their role needs). Plain facts in, so ParticipantsService
 * and ParticipantsResolver keep their order of checks.
 */
export class ParticipantsPolicy {
  /** "Who does what": staff of a program add participants to it (and join their team, unless administrators). */
  static createParticipant<A extends Pick<Actor, 'kind' | 'programId'>>(
    actor: A,
  ): asserts actor is A & { programId: string } {
    if (actor.kind !== AccountKind.STAFF || !actor.programId) throw forbidden('Only staff can add a participant');
  }

  /**
   * "Who does what" and rule 10: supervisors and administrators see their program's roster
   * (participants and care teams, no plan content); nobody else does.
   */
  static readProgramRoster<A extends Pick<Actor, 'programId'>>(
    facts: { seesProgramRoster: boolean },
    actor: A,
  ): asserts actor is A & { programId: string } {
    if (!facts.seesProgramRoster || !actor.programId) {
      throw forbidden('Only supervisors and administrators see the program roster');
    }
  }
}
