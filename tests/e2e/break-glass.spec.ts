import { DataSource } from 'typeorm';
import {
  addCareTeamMember,
  errorCode,
  expressGoal,
  inviteStaffMember,
  signIn,
  signInDemo,
  startTestApp,
  type SignedIn,
  type TestApp,
} from '@roundtable/testing';

/**
 * Finding 12 of issue 13, from the attacker's side over real HTTP: break-glass is for the
 * clinicians on the team, one open at a time, time-limited, a repeat within the window waits
 * for a supervisor's approval, every one is reviewed by a supervisor afterwards, and the
 * participant sees each step (PRODUCT.md rule 12).
 */
const FIELDS = `id status active requestedAt startedAt endsAt endedAt approvalRequired
  approvedBy { displayName } review { note reviewedBy { displayName } } clinician { displayName } reason participantName`;
const REQUEST = `mutation R($input: RequestEmergencyAccessInput!) { requestEmergencyAccess(input: $input) { ${FIELDS} } }`;
const APPROVE = `mutation A($input: EmergencyAccessIdInput!) { approveEmergencyAccess(input: $input) { ${FIELDS} } }`;
const END = `mutation E($input: EmergencyAccessIdInput!) { endEmergencyAccess(input: $input) { ${FIELDS} } }`;
const REVIEW = `mutation V($input: ReviewEmergencyAccessInput!) { reviewEmergencyAccess(input: $input) { ${FIELDS} } }`;
const MINE = `query M($id: ID!) { emergencyAccesses(participantId: $id) { ${FIELDS} } }`;
const TO_REVIEW = `{ emergencyAccessesAwaitingReview { ${FIELDS} } }`;
const TO_APPROVE = `{ emergencyAccessesAwaitingApproval { ${FIELDS} } }`;
const LOG = `query L($id: ID!) { accessLog(participantId: $id, first: 100) { edges { node { action kind reason actor { displayName } } } } }`;
const PLAN = 'query P($id: ID!) { plan(participantId: $id) { goals { text } } }';
const UNKNOWN_ID = '6f1c2f0e-5b7a-4c1e-9a55-2d3c4b5a6e7f';
const REASON = 'Brought in unresponsive, need the full history';

interface Access {
  id: string;
  status: string;
  active: boolean;
  startedAt: string | null;
  endedAt: string | null;
  approvalRequired: boolean;
  approvedBy: { displayName: string } | null;
  review: { note: string; reviewedBy: { displayName: string } } | null;
  clinician: { displayName: string };
  reason: string;
  participantName: string;
}

describe('break-glass: clinicians only, one at a time, time-limited, approved when repeated, reviewed (finding 12)', () => {
  let t: TestApp;
  const as: Record<string, SignedIn> = {};
  let samId: string;
  let nurse: SignedIn;
  let db: DataSource;
  const MINUTES = 30;

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true, env: { BREAK_GLASS_MINUTES: String(MINUTES) } });
    db = t.app.get(DataSource);
    const admin = (await signInDemo(t.gql, ['admin'])).admin;
    const cm = (await signInDemo(t.gql, ['cm'])).cm;
    nurse = await inviteStaffMember(t.gql, admin.accessToken, { email: 'nurse@demo.test', discipline: 'NURSING' });
    const samIdOf = (await signInDemo(t.gql, ['sam'])).sam.account.participantId!;
    await addCareTeamMember(t.gql, cm.accessToken, { participantId: samIdOf, accountId: nurse.account.id });
  });
  beforeEach(async () => {
    // Each test starts well past every earlier window, with fresh sessions.
    t.clock.advance((t.config.BREAK_GLASS_REPEAT_WINDOW_HOURS + 1) * 3_600_000);
    Object.assign(as, await signInDemo(t.gql, ['cm', 'md', 'housing', 'peer', 'supervisor', 'admin', 'sam']));
    nurse = await signIn(t.gql, 'nurse@demo.test');
    samId = as.sam.account.participantId!;
  });
  afterAll(() => t.close());

  const call = <K extends string>(query: string, who: SignedIn, input: Record<string, unknown>) =>
    t.gql.request<Record<K, Access>>(query, { input }, { token: who.accessToken });
  const request = (who: SignedIn, reason = REASON) =>
    call<'requestEmergencyAccess'>(REQUEST, who, { participantId: samId, reason });
  const mine = async () =>
    (await t.gql.data<{ emergencyAccesses: Access[] }>(MINE, { id: samId }, { token: as.sam.accessToken }))
      .emergencyAccesses;
  const log = async () =>
    (
      await t.gql.data<{
        accessLog: {
          edges: { node: { action: string; kind: string; reason: string | null; actor: { displayName: string } } }[];
        };
      }>(LOG, { id: samId }, { token: as.sam.accessToken })
    ).accessLog.edges.map((e) => e.node);
  const endIfOpen = async (who: SignedIn, id: string) => {
    await call(END, who, { emergencyAccessId: id });
  };

  it('only a physician, prescriber or nurse on the team may ask; others are refused or learn nothing', async () => {
    for (const who of ['cm', 'housing', 'peer']) expect(errorCode(await request(as[who]))).toBe('FORBIDDEN');
    // Supervisors and administrators are not on Sam's team: the unknown-participant answer.
    for (const who of ['supervisor', 'admin']) {
      const hidden = await request(as[who]);
      const unknown = await call(REQUEST, as[who], { participantId: UNKNOWN_ID, reason: REASON });
      expect(hidden.errors![0].message).toBe(unknown.errors![0].message);
      expect(errorCode(hidden)).toBe('NOT_FOUND');
    }
    // A reason is required (whitespace is not a reason).
    expect((await request(as.md, '            ')).errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.reason',
    });
    const opened = await request(nurse);
    expect(opened.data!.requestEmergencyAccess).toMatchObject({
      status: 'OPEN',
      active: true,
      approvalRequired: false,
    });
    await endIfOpen(nurse, opened.data!.requestEmergencyAccess.id);
  });

  it('one open at a time per participant; it ends by the clock and stops showing content', async () => {
    const legal = await expressGoal(t.gql, as.sam.accessToken, {
      participantId: samId,
      text: 'Talk to a lawyer about the eviction notice',
      domain: 'OTHER',
      label: 'LEGAL',
    });
    const sees = async (who: SignedIn) =>
      JSON.stringify(await t.gql.request(PLAN, { id: samId }, { token: who.accessToken })).includes(legal.text);
    expect(await sees(as.md)).toBe(false);
    const first = (await request(as.md)).data!.requestEmergencyAccess;
    expect(first.active).toBe(true);
    expect(await sees(as.md)).toBe(true);
    const second = await request(nurse);
    expect(errorCode(second)).toBe('CONFLICT');
    expect(await sees(nurse)).toBe(false);

    t.clock.advance(MINUTES * 60_000 + 1000);
    Object.assign(as, await signInDemo(t.gql, ['md', 'sam']));
    expect(await sees(as.md)).toBe(false);
    const [latest] = await mine();
    expect(latest).toMatchObject({ id: first.id, status: 'ENDED', active: false });
    // After it ended, another clinician may ask at once.
    nurse = await signIn(t.gql, 'nurse@demo.test');
    const nurses = await request(nurse);
    expect(nurses.data!.requestEmergencyAccess.status).toBe('OPEN');
    await endIfOpen(nurse, nurses.data!.requestEmergencyAccess.id);
  });

  it('two clinicians asking at the same moment: exactly one opens, the other is told CONFLICT', async () => {
    const [a, b] = await Promise.all([request(as.md), request(nurse)]);
    const codes = [errorCode(a) ?? 'OK', errorCode(b) ?? 'OK'].sort();
    expect(codes).toEqual(['CONFLICT', 'OK']);
    const open = (await mine()).filter((access) => access.active);
    expect(open).toHaveLength(1);
    await endIfOpen(open[0].clinician.displayName === 'Dr. Priya Natarajan' ? as.md : nurse, open[0].id);
  });

  it('a repeat right after the first ends is within the window: it opens nothing until a supervisor approves', async () => {
    const first = (await request(nurse)).data!.requestEmergencyAccess;
    t.clock.advance(60_000);
    await call(END, nurse, { emergencyAccessId: first.id });
    t.clock.advance(1000);

    const repeat = (await request(nurse, 'Still unresponsive, need the medication list again')).data!
      .requestEmergencyAccess;
    expect(repeat).toMatchObject({
      status: 'AWAITING_APPROVAL',
      active: false,
      approvalRequired: true,
      startedAt: null,
    });
    const goals = await t.gql.data<{ plan: { goals: { text: string }[] } }>(
      PLAN,
      { id: samId },
      { token: nurse.accessToken },
    );
    // Substance use: hidden from the nurse without a grant, and still hidden while waiting.
    expect(JSON.stringify(goals)).not.toContain('Never use alone');
    // Asking again while waiting does not stack requests.
    expect(errorCode(await request(nurse))).toBe('CONFLICT');

    // The clinician cannot approve their own; team members and administrators learn nothing.
    expect(errorCode(await call(APPROVE, nurse, { emergencyAccessId: repeat.id }))).toBe('FORBIDDEN');
    for (const who of ['cm', 'md', 'housing', 'admin', 'sam'])
      expect(errorCode(await call(APPROVE, as[who], { emergencyAccessId: repeat.id }))).toBe('NOT_FOUND');

    const waiting = await t.gql.data<{ emergencyAccessesAwaitingApproval: Access[] }>(
      TO_APPROVE,
      {},
      { token: as.supervisor.accessToken },
    );
    expect(waiting.emergencyAccessesAwaitingApproval.map((a) => a.id)).toEqual([repeat.id]);
    expect(waiting.emergencyAccessesAwaitingApproval[0].participantName).toBe('Sam');

    const approved = (await call<'approveEmergencyAccess'>(APPROVE, as.supervisor, { emergencyAccessId: repeat.id }))
      .data!.approveEmergencyAccess;
    expect(approved).toMatchObject({ status: 'OPEN', active: true, approvedBy: { displayName: 'Dana Whitfield' } });
    expect(JSON.stringify(await t.gql.data(PLAN, { id: samId }, { token: nurse.accessToken }))).toContain(
      'Never use alone',
    );
    expect(errorCode(await call(APPROVE, as.supervisor, { emergencyAccessId: repeat.id }))).toBe('CONFLICT');
    await endIfOpen(nurse, repeat.id);
  });

  it('an unanswered repeat lapses; the window is configurable and measured from the earlier one’s end', async () => {
    const first = (await request(nurse)).data!.requestEmergencyAccess;
    // Let it run to its clock end, then wait almost a whole window after that end.
    t.clock.advance(MINUTES * 60_000 + (t.config.BREAK_GLASS_REPEAT_WINDOW_HOURS * 3_600_000 - 60_000));
    nurse = await signIn(t.gql, 'nurse@demo.test');
    const repeat = (await request(nurse)).data!.requestEmergencyAccess;
    expect(repeat.status).toBe('AWAITING_APPROVAL');
    t.clock.advance(MINUTES * 60_000 + 1000);
    nurse = await signIn(t.gql, 'nurse@demo.test');
    Object.assign(as, await signInDemo(t.gql, ['supervisor', 'sam']));
    const lapsed = (await mine()).find((a) => a.id === repeat.id)!;
    expect(lapsed.status).toBe('LAPSED');
    expect(errorCode(await call(APPROVE, as.supervisor, { emergencyAccessId: repeat.id }))).toBe('CONFLICT');
    expect((await mine()).find((a) => a.id === first.id)!.status).toBe('ENDED');
  });

  it('a supervisor reviews it after it ends, once; the participant sees request, opening, end and review', async () => {
    const access = (await request(as.md)).data!.requestEmergencyAccess;
    // Not while it is open.
    expect(errorCode(await call(REVIEW, as.supervisor, { emergencyAccessId: access.id, note: 'Looks fine' }))).toBe(
      'CONFLICT',
    );
    t.clock.advance(5 * 60_000);
    await call(END, as.md, { emergencyAccessId: access.id });

    // The clinician cannot review their own; others learn nothing.
    expect(errorCode(await call(REVIEW, as.md, { emergencyAccessId: access.id, note: 'All good' }))).toBe('FORBIDDEN');
    for (const who of ['cm', 'housing', 'admin', 'sam'])
      expect(errorCode(await call(REVIEW, as[who], { emergencyAccessId: access.id, note: 'x' }))).toBe('NOT_FOUND');
    expect(errorCode(await t.gql.request(TO_REVIEW, {}, { token: as.cm.accessToken }))).toBe('FORBIDDEN');

    const queue = await t.gql.data<{ emergencyAccessesAwaitingReview: Access[] }>(
      TO_REVIEW,
      {},
      { token: as.supervisor.accessToken },
    );
    expect(queue.emergencyAccessesAwaitingReview.map((a) => a.id)).toContain(access.id);
    const note = 'Checked with the ED: the access matched the emergency.';
    const reviewed = (
      await call<'reviewEmergencyAccess'>(REVIEW, as.supervisor, { emergencyAccessId: access.id, note: `  ${note} ` })
    ).data!.reviewEmergencyAccess;
    expect(reviewed.review).toEqual({ note, reviewedBy: { displayName: 'Dana Whitfield' } });
    expect(errorCode(await call(REVIEW, as.supervisor, { emergencyAccessId: access.id, note: 'again' }))).toBe(
      'CONFLICT',
    );
    const after = await t.gql.data<{ emergencyAccessesAwaitingReview: Access[] }>(
      TO_REVIEW,
      {},
      { token: as.supervisor.accessToken },
    );
    expect(after.emergencyAccessesAwaitingReview.map((a) => a.id)).not.toContain(access.id);

    // Sam sees it in their list and every step in their access log.
    expect((await mine()).find((a) => a.id === access.id)).toMatchObject({
      status: 'ENDED',
      reason: REASON,
      clinician: { displayName: 'Dr. Priya Natarajan' },
      review: { note },
    });
    const entries = (await log()).filter((e) => e.kind === 'BREAK_GLASS');
    const steps = entries.map((e) => `${e.action}:${e.actor.displayName}`);
    expect(steps).toEqual(
      expect.arrayContaining([
        'requestEmergencyAccess:Dr. Priya Natarajan',
        'emergencyAccessOpened:Dr. Priya Natarajan',
        'endEmergencyAccess:Dr. Priya Natarajan',
        'reviewEmergencyAccess:Dana Whitfield',
      ]),
    );
    expect(entries.find((e) => e.action === 'reviewEmergencyAccess')!.reason).toBe(note);
  });

  it('a supervisor of another program cannot approve, review or list this program’s emergency access', async () => {
    const other = await inviteStaffMember(t.gql, as.admin.accessToken, {
      email: 'elsewhere-supervisor@demo.test',
      discipline: 'CASE_MANAGEMENT',
      programRole: 'SUPERVISOR',
    });
    await db.query(
      `WITH p AS (INSERT INTO program (name, created_at) VALUES ('Elsewhere', now()) RETURNING id)
       UPDATE account SET program_id = (SELECT id FROM p) WHERE id = $1`,
      [other.account.id],
    );
    const access = (await request(as.md)).data!.requestEmergencyAccess;
    t.clock.advance(60_000);
    await call(END, as.md, { emergencyAccessId: access.id });
    const otherSession = await signIn(t.gql, 'elsewhere-supervisor@demo.test');
    for (const [query, extra] of [
      [REVIEW, { note: 'x' }],
      [APPROVE, {}],
    ] as const) {
      const hidden = await call(query, otherSession, { emergencyAccessId: access.id, ...extra });
      const unknown = await call(query, otherSession, { emergencyAccessId: UNKNOWN_ID, ...extra });
      expect(errorCode(hidden)).toBe('NOT_FOUND');
      expect(hidden.errors![0].message).toBe(unknown.errors![0].message);
    }
    const queue = await t.gql.data<{ emergencyAccessesAwaitingReview: Access[] }>(
      TO_REVIEW,
      {},
      { token: otherSession.accessToken },
    );
    expect(queue.emergencyAccessesAwaitingReview).toEqual([]);
  });
});
