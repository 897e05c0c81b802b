import {
  APPROVE_SETUP_CODE,
  approveSetupCode,
  COMPLETE_SETUP,
  CREATE_SETUP_CODE,
  DEMO_PASSWORD,
  errorCode,
  inviteSupportPerson,
  signIn,
  signInDemo,
  startTestApp,
  type GraphQLResponse,
  type SignedIn,
  type TestApp,
} from '@roundtable/testing';

/**
 * PRODUCT.md rule 1, issue 13 finding 1: a sign-in set-up code needs a second staff member's
 * approval from their own session, lives 30 minutes, works once, and the participant sees
 * both names. Every attack here is made the way a real client would, over HTTP.
 */
const ME = '{ me { id } }';
const AWAITING = '{ signInSetupCodesAwaitingApproval { id code status participantId requestedBy { displayName } } }';
const HISTORY = `query H($id: ID!) {
  signInSetupCodes(participantId: $id) { id code status requestedBy { displayName } approvedBy { displayName } }
}`;
const ACCESS_LOG = `query L($id: ID!) {
  accessLog(participantId: $id, first: 50) { edges { node { action reason actor { displayName } } } }
}`;
const MINUTE = 60_000;

interface Code {
  id: string;
  code: string | null;
  status: string;
  expiresAt: string;
}

describe('sign-in set-up codes need two people (rule 1, finding 1)', () => {
  let t: TestApp;
  let as: Record<string, SignedIn>;
  let samId: string;

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true });
  });
  // Fresh sessions each time: resets end Sam's, and some tests move the clock.
  beforeEach(async () => {
    // Wrong codes count as guesses against this address (rate-limited like login): each test
    // starts a fresh throttle window, so the refusals compared here are the codes' own.
    t.clock.advance((t.config.LOGIN_RATE_LIMIT_WINDOW_SECONDS + 1) * 1000);
    as = await signInDemo(t.gql, ['cm', 'md', 'housing', 'supervisor', 'admin', 'sam']);
    samId = as.sam.account.participantId!;
  });
  afterAll(() => t.close());

  const request = async (token: string, participantId = samId): Promise<Code> =>
    (await t.gql.data<{ createSignInSetupCode: Code }>(CREATE_SETUP_CODE, { input: { participantId } }, { token }))
      .createSignInSetupCode;
  const complete = (code: string, passphrase = 'a brand new passphrase', username?: string) =>
    t.gql.request<{ completeSignInSetup: { accessToken: string; recoveryCodes: string[] } }>(COMPLETE_SETUP, {
      input: { code, passphrase, username },
    });
  const approve = (token: string, setupCodeId: string) =>
    t.gql.request(APPROVE_SETUP_CODE, { input: { setupCodeId } }, { token });
  /** What a code nobody ever issued answers: every refused code must answer exactly this. */
  const unknownAnswer = () => complete('ZZZZ-ZZZZ-ZZZZ');
  const expectSameAsUnknown = async (response: GraphQLResponse<unknown>) => {
    expect(response.errors).toEqual((await unknownAnswer()).errors);
    expect(response.data).toEqual((await unknownAnswer()).data);
  };

  it('reproduces finding 1 and refuses it: housing alone cannot become Sam', async () => {
    const code = await request(as.housing.accessToken);
    expect(code.status).toBe('AWAITING_APPROVAL');
    expect(code.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);

    // Anonymously, with the code housing holds: answers exactly like a made-up code.
    const attempt = await complete(code.code!, 'housing owns sam now');
    expect(errorCode(attempt)).toBe('BAD_USER_INPUT');
    await expectSameAsUnknown(attempt);
    // Sam's own sign-in is untouched, and the passphrase housing chose does not work.
    await t.gql.data(ME, {}, { token: as.sam.accessToken });
    await expect(signIn(t.gql, 'sam', 'housing owns sam now').catch(() => 'refused')).resolves.toBe('refused');
  });

  it('refuses it for a participant who never signed in, too', async () => {
    const riley = await t.gql.data<{ createParticipant: { id: string } }>(
      'mutation { createParticipant(input: { preferredName: "Riley" }) { id } }',
      {},
      { token: as.cm.accessToken },
    );
    const code = await request(as.cm.accessToken, riley.createParticipant.id);
    await expectSameAsUnknown(await complete(code.code!, 'cm owns riley now', 'riley'));
    // The supervisor approves (nobody else is on Riley's team); now it works, once.
    expect((await approve(as.supervisor.accessToken, code.id)).errors).toBeUndefined();
    const done = await complete(code.code!, 'riley chose this one', 'riley');
    expect(done.data?.completeSignInSetup.recoveryCodes).toHaveLength(8);
    await expectSameAsUnknown(await complete(code.code!, 'again with the same code', 'riley'));
  });

  it('the requester cannot approve their own code, not even from a second session', async () => {
    const code = await request(as.housing.accessToken);
    const secondSession = await signIn(t.gql, 'housing@demo.test');
    const own = await approve(secondSession.accessToken, code.id);
    expect(errorCode(own)).toBe('FORBIDDEN');
    expect((await approve(as.housing.accessToken, code.id)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    await expectSameAsUnknown(await complete(code.code!));
  });

  it('administrators, the participant, support persons and strangers cannot approve', async () => {
    const jo = await inviteSupportPerson(t.gql, as.sam.accessToken, samId, 'jo-approver', undefined, as.md.accessToken);
    const code = await request(as.housing.accessToken);
    const unknownId = '00000000-0000-4000-8000-000000000000';
    for (const token of [as.admin.accessToken, as.sam.accessToken, jo.accessToken]) {
      const refused = await approve(token, code.id);
      expect(errorCode(refused)).toBe('NOT_FOUND');
      // Exactly like an id that names no code.
      expect(refused.errors).toEqual((await approve(token, unknownId)).errors);
    }
    expect(errorCode(await approve('', code.id))).toBe('UNAUTHENTICATED');
    await expectSameAsUnknown(await complete(code.code!));
  });

  it('only staff on the care team may ask for a code', async () => {
    const jo = await inviteSupportPerson(t.gql, as.sam.accessToken, samId, 'jo-asker', undefined, as.md.accessToken);
    for (const [token, code] of [
      [as.admin.accessToken, 'NOT_FOUND'],
      [as.supervisor.accessToken, 'NOT_FOUND'],
      [as.sam.accessToken, 'FORBIDDEN'],
      [jo.accessToken, 'FORBIDDEN'],
    ] as const) {
      const response = await t.gql.request(CREATE_SETUP_CODE, { input: { participantId: samId } }, { token });
      expect(errorCode(response)).toBe(code);
    }
  });

  it('a second team member approves; it works once; old sign-ins end; Sam sees both names', async () => {
    const code = await request(as.housing.accessToken);
    const approved = await t.gql.data<{ approveSignInSetupCode: { status: string } }>(
      APPROVE_SETUP_CODE,
      { input: { setupCodeId: code.id } },
      { token: as.md.accessToken },
    );
    expect(approved.approveSignInSetupCode.status).toBe('APPROVED');
    // Approving twice is not a second approval.
    expect(errorCode(await approve(as.cm.accessToken, code.id))).toBe('BAD_USER_INPUT');

    const done = await complete(code.code!, 'sams new passphrase');
    expect(done.errors).toBeUndefined();
    expect(errorCode(await t.gql.request(ME, {}, { token: as.sam.accessToken }))).toBe('UNAUTHENTICATED');
    await expectSameAsUnknown(await complete(code.code!, 'used twice passphrase'));

    const sam = await signIn(t.gql, 'sam', 'sams new passphrase');
    const log = await t.gql.data<{
      accessLog: { edges: { node: { action: string; reason: string | null; actor: { displayName: string } } }[] };
    }>(ACCESS_LOG, { id: samId }, { token: sam.accessToken });
    const reset = log.accessLog.edges.find((edge) => edge.node.action === 'signInReset')!.node;
    expect(reset.actor.displayName).toBe('Marcus Lee');
    expect(reset.reason).toContain('asked for by Marcus Lee');
    expect(reset.reason).toContain('approved by Dr. Priya Natarajan');
    expect(reset.reason).toContain('was ended');
    const actions = log.accessLog.edges.map((edge) => edge.node.action);
    expect(actions).toEqual(expect.arrayContaining(['signInSetupRequested', 'signInSetupApproved', 'signInReset']));

    // The team sees both names too, never the code.
    const history = await t.gql.data<{
      signInSetupCodes: {
        id: string;
        code: string | null;
        status: string;
        approvedBy: { displayName: string } | null;
      }[];
    }>(HISTORY, { id: samId }, { token: as.cm.accessToken });
    const used = history.signInSetupCodes.find((entry) => entry.id === code.id)!;
    expect(used).toMatchObject({ code: null, status: 'USED', approvedBy: { displayName: 'Dr. Priya Natarajan' } });
    // Put the demo passphrase back for the tests that follow.
    const back = await request(as.cm.accessToken);
    await approveSetupCode(t.gql, as.supervisor.accessToken, back.id);
    expect((await complete(back.code!, 'roundtable-demo')).errors).toBeUndefined();
  });

  it('guessing at codes is rate-limited per address: after its limit even the right code waits; a taken username is no guess', async () => {
    const someone = `kim-${Date.now().toString(36)}`;
    await inviteSupportPerson(t.gql, as.sam.accessToken, samId, someone);
    const code = await request(as.housing.accessToken);
    await approveSetupCode(t.gql, as.md.accessToken, code.id);
    // A working code with a username someone has: refused on the username, not counted as a guess.
    for (let i = 0; i < t.config.LOGIN_RATE_LIMIT_PER_ACCOUNT + 1; i += 1) {
      const taken = await complete(code.code!, 'a brand new passphrase', someone);
      expect(taken.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.username' });
    }
    // Wrong codes count against this address only: more than one person's limit of them does not
    // stop someone else's right code (a clinic's shared network), the address's limit does.
    expect(t.config.LOGIN_RATE_LIMIT_PER_ADDRESS).toBeGreaterThan(t.config.LOGIN_RATE_LIMIT_PER_ACCOUNT);
    for (let i = 0; i < t.config.LOGIN_RATE_LIMIT_PER_ADDRESS; i += 1) {
      expect(errorCode(await complete(`ZZZZ-ZZZZ-ZZ${String(i).padStart(2, '0')}`))).toBe('BAD_USER_INPUT');
    }
    expect(errorCode(await complete(code.code!))).toBe('RATE_LIMITED');
    // The window passes; the code (30 minutes) still works, and it worked once.
    t.clock.advance((t.config.LOGIN_RATE_LIMIT_WINDOW_SECONDS + 1) * 1000);
    expect((await complete(code.code!, DEMO_PASSWORD, 'sam')).errors).toBeUndefined();
  });

  it('expires 30 minutes after issue, approved or not', async () => {
    const late = await request(as.housing.accessToken);
    t.clock.advance(20 * MINUTE);
    as.md = await signIn(t.gql, 'md@demo.test');
    await approveSetupCode(t.gql, as.md.accessToken, late.id);
    t.clock.advance(11 * MINUTE);
    await expectSameAsUnknown(await complete(late.code!));

    as.housing = await signIn(t.gql, 'housing@demo.test');
    const never = await request(as.housing.accessToken);
    t.clock.advance(31 * MINUTE);
    as.md = await signIn(t.gql, 'md@demo.test');
    expect(errorCode(await approve(as.md.accessToken, never.id))).toBe('BAD_USER_INPUT');
  });

  it('a new code replaces earlier unused ones, approved or not', async () => {
    const first = await request(as.housing.accessToken);
    await approveSetupCode(t.gql, as.md.accessToken, first.id);
    const second = await request(as.cm.accessToken);
    await expectSameAsUnknown(await complete(first.code!));
    expect(errorCode(await approve(as.md.accessToken, first.id))).toBe('BAD_USER_INPUT');
    const history = await t.gql.data<{ signInSetupCodes: { id: string; status: string }[] }>(
      HISTORY,
      { id: samId },
      { token: as.sam.accessToken },
    );
    expect(history.signInSetupCodes.find((entry) => entry.id === first.id)?.status).toBe('SUPERSEDED');
    expect(history.signInSetupCodes.find((entry) => entry.id === second.id)?.status).toBe('AWAITING_APPROVAL');
  });

  it('approvers see what waits for them, never the code; requesters and administrators see nothing to approve', async () => {
    const code = await request(as.housing.accessToken);
    type Awaiting = { signInSetupCodesAwaitingApproval: { id: string; code: string | null }[] };
    const forMd = await t.gql.data<Awaiting>(AWAITING, {}, { token: as.md.accessToken });
    expect(forMd.signInSetupCodesAwaitingApproval).toEqual([
      expect.objectContaining({ id: code.id, code: null, status: 'AWAITING_APPROVAL', participantId: samId }),
    ]);
    const forSupervisor = await t.gql.data<Awaiting>(AWAITING, {}, { token: as.supervisor.accessToken });
    expect(forSupervisor.signInSetupCodesAwaitingApproval.map((entry) => entry.id)).toContain(code.id);
    for (const token of [as.housing.accessToken, as.admin.accessToken, as.sam.accessToken]) {
      const none = await t.gql.data<Awaiting>(AWAITING, {}, { token });
      expect(none.signInSetupCodesAwaitingApproval).toEqual([]);
    }
  });

  it("a support person's set-up code waits for staff approval too, and Sam is told", async () => {
    const invited = await t.gql.data<{ inviteSupportPerson: { setup: { code: string }; setupCodeId: string } }>(
      'mutation I($input: InviteSupportPersonInput!) { inviteSupportPerson(input: $input) { setup { code } setupCodeId } }',
      { input: { participantId: samId, displayName: 'Kim' } },
      { token: as.sam.accessToken },
    );
    await expectSameAsUnknown(await complete(invited.inviteSupportPerson.setup.code, 'kims passphrase', 'kim'));
    // A staff member who invites a support person (with Sam's co-sign) cannot approve that code themselves.
    const byStaff = await t.gql.data<{ inviteSupportPerson: { setupCodeId: string } }>(
      'mutation I($input: InviteSupportPersonInput!) { inviteSupportPerson(input: $input) { setupCodeId } }',
      { input: { participantId: samId, displayName: 'Lee', coSign: { passphrase: DEMO_PASSWORD } } },
      { token: as.housing.accessToken },
    );
    expect(errorCode(await approve(as.housing.accessToken, byStaff.inviteSupportPerson.setupCodeId))).toBe('FORBIDDEN');

    await approveSetupCode(t.gql, as.cm.accessToken, invited.inviteSupportPerson.setupCodeId);
    const done = await complete(invited.inviteSupportPerson.setup.code, 'kims passphrase', 'kim');
    expect(done.data?.completeSignInSetup.recoveryCodes).toHaveLength(8);
    const log = await t.gql.data<{ accessLog: { edges: { node: { action: string; reason: string | null } }[] } }>(
      ACCESS_LOG,
      { id: samId },
      { token: as.sam.accessToken },
    );
    const setUp = log.accessLog.edges.find((edge) => edge.node.action === 'supportPersonSignInSetUp')!.node;
    expect(setUp.reason).toContain("Kim's sign-in was set up");
    expect(setUp.reason).toContain('approved by Alex Rivera');
  });
});
