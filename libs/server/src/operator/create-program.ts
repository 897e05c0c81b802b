import type { DataSource } from 'typeorm';
import { AccountKind, AccountStatus, Discipline, ProgramRole } from '@roundtable/contracts';
import { AccountEntity, OneTimeCodes, OneTimeCodesRepository, ProgramEntity } from '@roundtable/identity';
import type { Clock } from '@roundtable/platform';
import { CreateProgramRepository } from './create-program.repository';

/** One first account the operator asks for: the administrator, and optionally a supervisor. */
export interface FirstAccountRequest {
  /** The sign-in email (staff sign in with an email; no mail is ever sent to it). */
  signIn: string;
  displayName?: string;
  programRole: ProgramRole.ADMINISTRATOR | ProgramRole.SUPERVISOR;
  /** Supervisors are staff with a discipline; administrators have none. */
  discipline?: Discipline;
}

export interface CreateProgramRequest {
  name: string;
  accounts: FirstAccountRequest[];
}

export interface FirstAccount {
  accountId: string;
  signIn: string;
  programRole: ProgramRole;
  /** The one-time set-up code, shown once; the person chooses a password with it. */
  code: string;
  expiresAt: Date;
}

export interface CreatedProgram {
  programId: string;
  name: string;
  accounts: FirstAccount[];
}

/** A refusal the operator can act on (printed as one line by the CLI). */
export class OperatorError extends Error {
  override readonly name = 'OperatorError';
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// Serialises concurrent create-program runs so "refuses to run twice" holds under a race.
const CREATE_PROGRAM_LOCK = 'roundtable.create-program';

/**
 * First-run set-up of a real program: the program and its first administrator (and,
 * optionally, its first supervisor), each with a one-time set-up code to hand over in
 * person. Nobody else can create a program: the demo seed is for trying Roundtable out.
 *
 * The operator running this is the trusted second person for these first credentials
 * (PRODUCT.md rule 1: two people for every credential): the accounts are created confirmed,
 * and each person chooses their own password with their code (`acceptStaffInvitation`),
 * so the operator never knows it. Codes are issued by identity's own OneTimeCodes (stored
 * hashed, single use, expiring), exactly like an administrator's staff invitation.
 */
export async function createProgram(
  dataSource: DataSource,
  clock: Clock,
  request: CreateProgramRequest,
): Promise<CreatedProgram> {
  const name = request.name.trim().replace(/\s+/g, ' ');
  if (name.length < 2 || name.length > 200)
    throw new OperatorError('--name: give the program a name of 2 to 200 characters');
  if (!request.accounts.some((account) => account.programRole === ProgramRole.ADMINISTRATOR)) {
    throw new OperatorError('--admin: a program needs its first administrator');
  }
  const people = request.accounts.map((account) => ({ ...account, signIn: account.signIn.trim().toLowerCase() }));
  for (const person of people) {
    if (!EMAIL.test(person.signIn) || person.signIn.length > 254) {
      throw new OperatorError(
        `${person.signIn || '(empty)'}: staff sign in with an email address (Roundtable never sends mail to it)`,
      );
    }
  }
  if (new Set(people.map((person) => person.signIn)).size !== people.length) {
    throw new OperatorError('the administrator and the supervisor must be two different people');
  }

  const codes = new OneTimeCodes(clock, new OneTimeCodesRepository());
  const checks = new CreateProgramRepository();
  return dataSource.transaction(async (manager) => {
    await checks.lock(manager, CREATE_PROGRAM_LOCK);
    const existing = await checks.programNamed(manager, name);
    if (existing) {
      throw new OperatorError(
        `a program named "${name}" exists already (${existing.id}); create-program runs once per program`,
      );
    }
    for (const person of people) {
      if (await checks.emailTaken(manager, person.signIn))
        throw new OperatorError(`${person.signIn}: an account signs in with this email already; choose another`);
    }

    const now = clock.now();
    const program = await manager.save(manager.create(ProgramEntity, { name, createdAt: now }));
    const accounts: FirstAccount[] = [];
    for (const person of people) {
      const account = await manager.save(
        manager.create(AccountEntity, {
          kind: AccountKind.STAFF,
          status: AccountStatus.PENDING,
          displayName: person.displayName?.trim() || person.signIn,
          email: person.signIn,
          username: null,
          passwordHash: null,
          programId: program.id,
          discipline: person.programRole === ProgramRole.ADMINISTRATOR ? null : (person.discipline ?? null),
          programRole: person.programRole,
          participantId: null,
          createdAt: now,
          version: 1,
        }),
      );
      // createdBy null: no account minted this code; the operator at the console did.
      const issued = await codes.issue(manager, account.id, 'STAFF_INVITATION', null);
      accounts.push({
        accountId: account.id,
        signIn: person.signIn,
        programRole: person.programRole,
        code: issued.code,
        expiresAt: issued.expiresAt,
      });
    }
    return { programId: program.id, name, accounts };
  });
}
