import { randomUUID } from 'node:crypto';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { DataSource } from 'typeorm';
import { AccountKind, Discipline, ProgramRole, type SensitivityLabel } from '@roundtable/contracts';
import { CompartmentPolicy, RequestAccess, VisibilityPolicy } from '@roundtable/access';
import { markRequestActor, type Actor } from '@roundtable/identity';
import { ACCESS_CHANGED } from '@roundtable/platform';
import { actorsFromAccounts, countSqlStatements, seededRandom, startTestApp, type TestApp } from '@roundtable/testing';

/** Weighted to the labels most disciplines do not see by default, where a grant shows. */
const LABELS = [
  'SUBSTANCE_USE',
  'SUBSTANCE_USE',
  'LEGAL',
  'MENTAL_HEALTH',
  'HEALTH',
  'HOUSING',
  'GENERAL',
] as SensitivityLabel[];
const ROLES = ['PRIMARY_CASE_MANAGER', 'CARE_TEAM_MEMBER', 'SUPPORT_PERSON'];
const HOUR = 3_600_000;

/** Everything one person may reach, as the access checks answer it. */
interface Reach {
  readable: string[];
  staffOn: string[];
  labels: Record<string, string[]>;
}

/**
 * The per-request actor context (issue 18) against the checks it replaces: over random care
 * teams, grants (to a person or a discipline, future members or not, ended, revoked, not yet
 * started) and break-glass, every staff member and support person must reach exactly the
 * same participants, team standing and labels (and where each label comes from) whether
 * their access is read once for the request or afresh at every check (rule 10). The same
 * request actor is asked again after the clock passes ends and starts, and after a revoke in
 * this process: it must never answer from what it read before.
 */
describe('per-request access: the same answers as reading afresh, over random teams and grants', () => {
  let t: TestApp;
  let db: DataSource;
  let compartment: CompartmentPolicy;
  let visibility: VisibilityPolicy;
  let people: Actor[];
  let participantIds: string[];

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true });
    db = t.app.get(DataSource);
    compartment = t.app.get(CompartmentPolicy);
    visibility = t.app.get(VisibilityPolicy);
    await addPeopleAndParticipants();
    people = await actorsFromAccounts(db);
    participantIds = (await db.query<{ id: string }[]>('SELECT id FROM participant ORDER BY id')).map((row) => row.id);
    await seedRandomAccess();
  });
  afterAll(() => t.close());

  /** A program's worth of people: staff of every discipline, support persons, and participants. */
  async function addPeopleAndParticipants(): Promise<void> {
    const [{ id: programId }] = await db.query<{ id: string }[]>('SELECT id FROM program LIMIT 1');
    const disciplines = [...Object.values(Discipline), ...Object.values(Discipline)];
    for (const [index, discipline] of disciplines.entries()) {
      await db.query(
        `INSERT INTO account (id, kind, status, display_name, email, program_id, discipline, program_role, created_at, version, awaiting_confirmation)
         VALUES ($1, 'STAFF', 'ACTIVE', $2, $3, $4, $5, 'STAFF', $6, 1, false)`,
        [randomUUID(), `Staff ${index}`, `staff-${index}@differential.test`, programId, discipline, t.clock.now()],
      );
    }
    for (let index = 0; index < 3; index++) {
      await db.query(
        `INSERT INTO account (id, kind, status, display_name, program_id, created_at, version, awaiting_confirmation)
         VALUES ($1, 'SUPPORT_PERSON', 'ACTIVE', $2, $3, $4, 1, false)`,
        [randomUUID(), `Support ${index}`, programId, t.clock.now()],
      );
    }
    for (let index = 0; index < 6; index++) {
      await db.query(`INSERT INTO participant (id, program_id, preferred_name, created_at) VALUES ($1, $2, $3, $4)`, [
        randomUUID(),
        programId,
        `Participant ${index}`,
        t.clock.now(),
      ]);
    }
  }

  async function seedRandomAccess(): Promise<void> {
    const { next: random, pick } = seededRandom('request-access differential');
    const now = t.clock.now().getTime();
    // Starts spread so memberships begin before and after grants (a discipline grant reaches a
    // later member only when it includes future members), and some lie ahead of the clock.
    const around = () => new Date(now + pick([-100, -72, -48, -24, -3, -1, 1, 3, 48]) * HOUR);
    const granter = people.find((person) => person.programRole !== ProgramRole.ADMINISTRATOR)!.accountId;
    for (const participantId of participantIds) {
      for (const person of people) {
        if (random() < 0.4) {
          const starts = around();
          const ends = random() < 0.6 ? null : new Date(starts.getTime() + pick([1, 2, 50, 100]) * HOUR);
          // At most one open membership per person and team (a unique index says so).
          await db.query(
            `INSERT INTO care_team_membership (id, participant_id, account_id, team_role, starts_at, ends_at)
             SELECT $1, $2, $3, $4, $5, $6
              WHERE $6::timestamptz IS NOT NULL OR NOT EXISTS (
                SELECT 1 FROM care_team_membership WHERE participant_id = $2 AND account_id = $3 AND ends_at IS NULL)`,
            [randomUUID(), participantId, person.accountId, pick(ROLES), starts, ends],
          );
        }
        if (random() < 0.3) {
          const toPerson = random() < 0.5;
          const starts = around();
          const ends = random() < 0.4 ? null : new Date(starts.getTime() + pick([1, 2, 30, 100]) * HOUR);
          await db.query(
            `INSERT INTO consent_grant (id, participant_id, label, grantee_account, grantee_discipline,
                includes_future_members, starts_at, ends_at, end_event, granted_by, revoked_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
            [
              randomUUID(),
              participantId,
              pick(LABELS),
              toPerson ? person.accountId : null,
              toPerson ? null : (person.discipline ?? 'HOUSING'),
              random() < 0.5,
              starts,
              ends,
              ends ? null : 'until the participant says otherwise',
              granter,
              random() < 0.15 ? new Date(now - HOUR) : null,
            ],
          );
        }
        if (random() < 0.05) {
          await db.query(
            `INSERT INTO break_glass (id, participant_id, account_id, reason, started_at, ends_at, ended_at,
                requested_at, approval_required)
             VALUES ($1, $2, $3, 'An emergency in the differential test', $4, $5, $6, $4, false)`,
            [
              randomUUID(),
              participantId,
              person.accountId,
              new Date(now - 2 * HOUR),
              new Date(now + pick([1, 4, 24]) * HOUR),
              random() < 0.4 ? new Date(now - HOUR) : null,
            ],
          );
        }
      }
    }
  }

  async function reachOf(actor: Actor, among: readonly string[] = participantIds): Promise<Reach> {
    const readable = [...(await compartment.readableParticipantIds(actor, among))].sort();
    const staffOn: string[] = [];
    const labels: Record<string, string[]> = {};
    for (const participantId of among) {
      const onTeam = await compartment.assertStaffOnTeam(actor, participantId).then(
        () => true,
        () => false,
      );
      if (onTeam) staffOn.push(participantId);
      const sources = await visibility.sources(actor, participantId);
      labels[participantId] = [...sources].map(([label, source]) => `${label}:${source}`).sort();
    }
    return { readable, staffOn, labels };
  }

  /** The random draw must reach the cases that differ: a grant in force for someone. */
  function expectSomeGrantInForce(reaches: Reach[]): void {
    expect(
      reaches.some((reach) => Object.values(reach.labels).some((labels) => labels.some((l) => l.endsWith(':GRANT')))),
    ).toBe(true);
  }

  /** Every grant revoked now, announced in this process as the consent service would. */
  async function revokeEveryGrant(): Promise<void> {
    const revoked = await db.query<{ participant_id: string }[]>(
      `UPDATE consent_grant SET revoked_at = $1 WHERE revoked_at IS NULL RETURNING participant_id`,
      [t.clock.now()],
    );
    expect(revoked.length).toBeGreaterThan(0);
    t.app.get(EventEmitter2).emit(ACCESS_CHANGED, { participantId: revoked[0].participant_id });
  }

  /** The same person, as the AuthGuard hands them to one request's fields. */
  function requestActor(person: Actor): Actor {
    const actor = { ...person };
    markRequestActor(actor);
    return actor;
  }

  it('answers like a fresh read for everyone, now, as ends and starts pass, and after a revoke', async () => {
    const requestActors = people.map(requestActor);
    const compare = async (moment: string) => {
      for (const [index, person] of people.entries()) {
        const fresh = await reachOf(person);
        const once = await reachOf(requestActors[index]);
        expect({ moment, who: person.displayName, ...once }).toEqual({ moment, who: person.displayName, ...fresh });
      }
    };
    // The draw must reach the cases that differ: grants and break-glass in force for members.
    const inForce = await Promise.all(people.map((person) => reachOf(person)));
    expectSomeGrantInForce(inForce);
    await compare('now');
    t.clock.advance(2 * HOUR + 1);
    await compare('two hours on: short grants, memberships and break-glass ended, near ones started');
    t.clock.advance(60 * HOUR);
    await compare('two and a half days on');

    await revokeEveryGrant();
    await compare('after every grant is revoked in this process');
  }, 180_000);

  /**
   * The person as the Authenticator makes them from a live session, through RequestAccess's
   * reader: the account and its reach come in one statement, kept for that actor.
   */
  async function signedInActor(person: Actor): Promise<{ actor: Actor; statements: number }> {
    const [{ id: sessionId }] = await db.query<{ id: string }[]>(
      `INSERT INTO auth_session (account_id, created_at, expires_at) VALUES ($1, $2, $2::timestamptz + interval '30 days') RETURNING id`,
      [person.accountId, t.clock.now()],
    );
    let actor: Actor | undefined;
    const statements = await countSqlStatements(t.app, async () => {
      const live = await t.app.get(RequestAccess).read(sessionId, person.accountId, t.clock.now(), true);
      expect(live).toBeDefined();
      actor = { ...person, sessionId };
      expect({
        accountId: live!.row.account_id,
        kind: live!.row.kind,
        displayName: live!.row.display_name,
        discipline: live!.row.discipline,
        programRole: live!.row.program_role,
        participantId: live!.row.participant_id,
      }).toEqual({
        accountId: person.accountId,
        kind: person.kind,
        displayName: person.displayName,
        discipline: person.discipline ?? null,
        programRole: person.programRole ?? null,
        participantId: person.participantId ?? null,
      });
      markRequestActor(actor);
      live!.adopt!(actor);
    });
    return { actor: actor!, statements };
  }

  it('signed in, the account and its whole reach come in one statement, with the same answers, until they change', async () => {
    // The test before revoked every grant and moved the clock on: draw access again around now.
    await seedRandomAccess();
    const signedIn: { actor: Actor; statements: number }[] = [];
    for (const person of people) signedIn.push(await signedInActor(person));
    expect(signedIn.every(({ statements }) => statements === 1)).toBe(true);
    const reaching = people.filter(
      (person) => person.kind !== AccountKind.PARTICIPANT && person.programRole !== ProgramRole.ADMINISTRATOR,
    );
    expect(reaching.length).toBeGreaterThan(5);
    const compare = async (moment: string) => {
      for (const [index, person] of people.entries()) {
        const fresh = await reachOf(person);
        const once = await reachOf(signedIn[index].actor);
        expect({ moment, who: person.displayName, ...once }).toEqual({ moment, who: person.displayName, ...fresh });
      }
    };
    // What came with the sign-in is used as it is: no further statement for a member's checks.
    for (const [index, person] of people.entries()) {
      if (!reaching.includes(person)) continue;
      const teams = [...(await compartment.readableParticipantIds(person, participantIds))];
      expect(await countSqlStatements(t.app, () => reachOf(signedIn[index].actor, teams))).toBe(0);
    }
    const inForce = await Promise.all(signedIn.map(({ actor }) => reachOf(actor)));
    expectSomeGrantInForce(inForce);
    await compare('signed in now');
    t.clock.advance(3 * HOUR);
    await compare('three hours on: what started or ended since the sign-in is seen');
    await revokeEveryGrant();
    await compare('after a revoke in this process');
  }, 180_000);

  it('a session that is ended, expired or of a deactivated account reads nothing', async () => {
    const staff = people.find((person) => person.kind === AccountKind.STAFF)!;
    const reader = t.app.get(RequestAccess);
    const session = async (fields: string) =>
      (
        await db.query<{ id: string }[]>(
          `INSERT INTO auth_session (account_id, created_at, expires_at, revoked_at) VALUES ($1, $2, ${fields}) RETURNING id`,
          [staff.accountId, t.clock.now()],
        )
      )[0].id;
    const revoked = await session(`$2::timestamptz + interval '1 day', $2`);
    const expired = await session(`$2::timestamptz - interval '1 second', NULL`);
    const live = await session(`$2::timestamptz + interval '1 day', NULL`);
    expect(await reader.read(revoked, staff.accountId, t.clock.now(), true)).toBeUndefined();
    expect(await reader.read(expired, staff.accountId, t.clock.now(), true)).toBeUndefined();
    // A token naming someone else's session is not that session.
    const other = people.find((person) => person.accountId !== staff.accountId)!;
    expect(await reader.read(live, other.accountId, t.clock.now(), true)).toBeUndefined();
    expect(await reader.read(live, staff.accountId, t.clock.now(), true)).toBeDefined();
    // A socket's actor lives as long as its connection: nothing read with it is kept with it.
    const forSocket = await reader.read(live, staff.accountId, t.clock.now(), false);
    expect(forSocket?.row.account_id).toBe(staff.accountId);
    expect(forSocket?.adopt).toBeUndefined();
    await db.query(`UPDATE account SET status = 'DEACTIVATED' WHERE id = $1`, [staff.accountId]);
    try {
      expect(await reader.read(live, staff.accountId, t.clock.now(), true)).toBeUndefined();
    } finally {
      await db.query(`UPDATE account SET status = 'ACTIVE' WHERE id = $1`, [staff.accountId]);
    }
  });

  it('reads a staff member’s whole reach in one statement per request, and afresh for every check otherwise', async () => {
    // The staff member on the most teams, among those teams (the compartment answers NOT_FOUND
    // for the rest before any label is read).
    const staffMembers = people.filter(
      (person) => person.kind === AccountKind.STAFF && person.programRole !== ProgramRole.ADMINISTRATOR,
    );
    const teamsOf = await Promise.all(
      staffMembers.map(async (person) => [...(await compartment.readableParticipantIds(person, participantIds))]),
    );
    const most = teamsOf.reduce((best, teams, index) => (teams.length > teamsOf[best].length ? index : best), 0);
    const [staff, teams] = [staffMembers[most], teamsOf[most]];
    expect(teams.length).toBeGreaterThan(1);
    const once = await countSqlStatements(t.app, () => reachOf(requestActor(staff), teams));
    const fresh = await countSqlStatements(t.app, () => reachOf(staff, teams));
    expect(once).toBe(1);
    expect(fresh).toBeGreaterThan(teams.length);
  });
});
