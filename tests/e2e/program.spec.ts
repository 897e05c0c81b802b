import { DataSource } from 'typeorm';
import { errorCode, signIn, startTestApp, type SignedIn, type TestApp } from '@roundtable/testing';

const PROGRAM = `{ program { id name createdAt
  staffAccounts { active awaitingConfirmation notYetJoined deactivated } } }`;
const RENAME = `mutation R($input: RenameProgramInput!) {
  renameProgram(input: $input) { id name staffAccounts { active awaitingConfirmation notYetJoined deactivated } }
}`;
const INVITE = `mutation Invite($input: InviteStaffInput!) {
  inviteStaff(input: $input) { account { id } invitation { code } }
}`;
const DEACTIVATE = 'mutation D($input: DeactivateAccountInput!) { deactivateAccount(input: $input) { status } }';

interface Counts {
  active: number;
  awaitingConfirmation: number;
  notYetJoined: number;
  deactivated: number;
}
interface ProgramAnswer {
  program: { id: string; name: string; createdAt: string; staffAccounts: Counts | null };
}

/**
 * The program itself (issue 17): any staff member knows its name; administrators and
 * supervisors see its staff accounts counted by state; only the administrator renames it.
 * The administrator sees no plan content (PRODUCT.md "Who does what"), so the answer holds
 * nothing about participants.
 */
describe('the program: its name and its staff accounts by state', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true });
    db = t.app.get(DataSource);
  });
  beforeEach(async () => {
    admin = await signIn(t.gql, 'admin@demo.test');
  });
  afterAll(() => t.close());

  const program = async (who: SignedIn) =>
    (await t.gql.data<ProgramAnswer>(PROGRAM, {}, { token: who.accessToken })).program;
  const rename = (who: SignedIn, name: unknown) =>
    t.gql.request<{ renameProgram: { id: string; name: string; staffAccounts: Counts } }>(
      RENAME,
      { input: { name } },
      { token: who.accessToken },
    );
  /** Counted straight from the table, by the same states the screen names. */
  const countedInDb = async (programId: string): Promise<Counts> => {
    const rows: { status: string; awaiting_confirmation: boolean }[] = await db.query(
      "SELECT status, awaiting_confirmation FROM account WHERE program_id = $1 AND kind = 'STAFF'",
      [programId],
    );
    return {
      active: rows.filter((r) => r.status === 'ACTIVE' && !r.awaiting_confirmation).length,
      awaitingConfirmation: rows.filter((r) => r.status !== 'DEACTIVATED' && r.awaiting_confirmation).length,
      notYetJoined: rows.filter((r) => r.status === 'PENDING' && !r.awaiting_confirmation).length,
      deactivated: rows.filter((r) => r.status === 'DEACTIVATED').length,
    };
  };

  it('every staff member reads their program; only administrators and supervisors get the counts', async () => {
    const mine = await program(admin);
    const [row] = (await db.query('SELECT id, name FROM program')) as { id: string; name: string }[];
    expect(mine).toMatchObject({ id: row.id, name: row.name });
    expect(mine.staffAccounts).toEqual(await countedInDb(row.id));
    const supervisor = await program(await signIn(t.gql, 'supervisor@demo.test'));
    expect(supervisor.staffAccounts).toEqual(mine.staffAccounts);
    for (const staff of ['cm@demo.test', 'md@demo.test', 'peer@demo.test']) {
      const seen = await program(await signIn(t.gql, staff));
      expect(seen).toMatchObject({ id: row.id, name: row.name, staffAccounts: null });
    }
    // Participants have no program screen, as with every staff-only program operation.
    const participant = await signIn(t.gql, 'participant@demo.test');
    expect(errorCode(await t.gql.request(PROGRAM, {}, { token: participant.accessToken }))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql.request(PROGRAM))).toBe('UNAUTHENTICATED');
  });

  it('the counts follow invitations and deactivations, and count staff only', async () => {
    const before = (await program(admin)).staffAccounts!;
    const total = before.active + before.awaitingConfirmation + before.notYetJoined + before.deactivated;
    const staffRows = (await db.query("SELECT count(*)::int AS n FROM account WHERE kind = 'STAFF'")) as {
      n: number;
    }[];
    expect(total).toBe(staffRows[0].n);

    const invited = await t.gql.data<{ inviteStaff: { account: { id: string } } }>(
      INVITE,
      { input: { email: 'counted@demo.test', displayName: 'Counted', discipline: 'NURSING', programRole: 'STAFF' } },
      { token: admin.accessToken },
    );
    expect((await program(admin)).staffAccounts).toEqual({
      ...before,
      awaitingConfirmation: before.awaitingConfirmation + 1,
    });
    await t.gql.data(
      DEACTIVATE,
      { input: { accountId: invited.inviteStaff.account.id, reason: 'Invited by mistake' } },
      { token: admin.accessToken },
    );
    expect((await program(admin)).staffAccounts).toEqual({ ...before, deactivated: before.deactivated + 1 });
  });

  it('the administrator renames the program; the change is audited and a repeat changes nothing', async () => {
    const { id, name: old } = await program(admin);
    const renamed = await rename(admin, '  Eastside   Housing First  ');
    expect(renamed.errors).toBeUndefined();
    expect(renamed.data!.renameProgram).toMatchObject({ id, name: 'Eastside Housing First' });
    expect((await program(await signIn(t.gql, 'cm@demo.test'))).name).toBe('Eastside Housing First');

    const audited = async () =>
      (await db.query(
        "SELECT actor, item_id, reason, participant_id FROM audit_event WHERE action = 'renameProgram'",
      )) as {
        actor: string;
        item_id: string;
        reason: string;
        participant_id: string | null;
      }[];
    expect(await audited()).toEqual([
      {
        actor: admin.account.id,
        item_id: id,
        reason: `renamed from "${old}" to "Eastside Housing First"`,
        participant_id: null,
      },
    ]);
    const again = await rename(admin, 'Eastside Housing First');
    expect(again.data!.renameProgram.name).toBe('Eastside Housing First');
    expect(await audited()).toHaveLength(1);
  });

  it('nothing about participants or plans is in the answer', async () => {
    const answer = await rename(admin, 'Northside Outreach');
    const text = JSON.stringify(answer) + JSON.stringify(await program(admin));
    const participants = (await db.query('SELECT id, preferred_name FROM participant')) as {
      id: string;
      preferred_name: string;
    }[];
    expect(participants.length).toBeGreaterThan(0);
    for (const participant of participants) {
      expect(text).not.toContain(participant.id);
      expect(text).not.toContain(participant.preferred_name);
    }
    expect(text).not.toMatch(/participant|plan|goal/i);
  });

  it('other staff are refused; a bad name is refused naming the field', async () => {
    const before = (await program(admin)).name;
    for (const who of ['supervisor@demo.test', 'cm@demo.test']) {
      expect(errorCode(await rename(await signIn(t.gql, who), 'Taken over'))).toBe('FORBIDDEN');
    }
    const participant = await signIn(t.gql, 'participant@demo.test');
    expect(errorCode(await rename(participant, 'Taken over'))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql.request(RENAME, { input: { name: 'Taken over' } }))).toBe('UNAUTHENTICATED');

    for (const bad of ['', '   ', 'x', ' y ', 'z'.repeat(121)]) {
      const refused = await rename(admin, bad);
      expect(refused.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.name' });
    }
    expect((await rename(admin, 'ab')).data!.renameProgram.name).toBe('ab');
    expect((await rename(admin, 'w'.repeat(120))).data!.renameProgram.name).toHaveLength(120);
    await rename(admin, before);
    expect((await program(admin)).name).toBe(before);
  });
});
