import { allTimelineEvents, errorCode, startDemoApp, type SignedIn, type TestApp } from '@roundtable/testing';

/**
 * Mutations that do not take an idempotency key, each with the reason. The list must match the
 * schema exactly, so a new mutation ships with a key or with a reason here.
 */
const SECRET = 'answers with a secret (tokens or a code) that a replay must never hand out twice';
const STAFF_ACT =
  'a staff or administrator act judged on the state it finds: a repeat is refused or changes nothing (not queued offline)';
const WITHOUT_A_KEY: Record<string, string> = {
  login: SECRET,
  refresh: `${SECRET}; the refresh token is single-use`,
  completeSignInSetup: `${SECRET}; the set-up code is single-use`,
  acceptStaffInvitation: `${SECRET}; the invitation code is single-use`,
  resetPassphraseWithRecoveryCode: `${SECRET}; the recovery code is single-use`,
  regenerateRecoveryCodes: SECRET,
  inviteSupportPerson: `${SECRET}; its code works only after a second staff member approves it`,
  logout: 'ends the current session; ending it again changes nothing',
  logoutEverywhere: 'ends every session; ending them again changes nothing',
  endSession: 'ending an ended session answers NOT_FOUND and changes nothing',
  setPresenceSharing: 'sets the participant’s choice to a value: sending it again leaves the same value',
  renameProgram: 'sets the program’s name to a value: sending it again leaves the same name and records nothing',
  hideWin: 'takes only the win id; hiding a hidden win changes nothing and answers true',
  approveSignInSetupCode: STAFF_ACT,
  confirmStaffAccount: STAFF_ACT,
  deactivateAccount: STAFF_ACT,
  reactivateAccount: STAFF_ACT,
  addCareTeamMember: `${STAFF_ACT}; adding a current member again is refused`,
  endCareTeamMembership: STAFF_ACT,
  requestEmergencyAccess: `${STAFF_ACT}; a second is refused while one is open`,
  approveEmergencyAccess: STAFF_ACT,
  endEmergencyAccess: STAFF_ACT,
  reviewEmergencyAccess: `${STAFF_ACT}; a second review is refused`,
};

interface InputField {
  name: string;
}
interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}
interface Schema {
  __schema: {
    mutationType: { fields: { name: string; args: { name: string; type: TypeRef }[] }[] };
    types: { name: string; inputFields: InputField[] | null }[];
  };
}

const named = (type: TypeRef): string => (type.name ?? named(type.ofType!)) as string;

describe('changes with an idempotency key: a retry from a flaky phone never changes anything twice', () => {
  let t: TestApp, as: Record<string, SignedIn>, participantId: string;
  beforeAll(async () => ({ t, as, participantId } = await startDemoApp(['cm', 'md', 'sam'])));
  afterAll(() => t.close());

  it('every mutation takes a key, or is listed with the reason it does not', async () => {
    const schema = await t.gql.data<Schema>(
      `{ __schema {
          mutationType { fields { name args { name type { kind name ofType { kind name ofType { kind name } } } } } }
          types { name inputFields { name } }
        } }`,
      {},
      { token: as.sam.accessToken },
    );
    const inputs = new Map(schema.__schema.types.map((type) => [type.name, type.inputFields ?? []]));
    const withoutKey = schema.__schema.mutationType.fields
      .filter((field) => {
        const input = field.args.find((arg) => arg.name === 'input');
        return !input || !inputs.get(named(input.type))!.some((f) => f.name === 'idempotencyKey');
      })
      .map((field) => field.name)
      .sort();
    expect(withoutKey).toEqual(Object.keys(WITHOUT_A_KEY).sort());
  });

  const addStep = async (text: string) =>
    (
      await t.gql.data<{ addStep: { id: string; version: number } }>(
        'mutation A($input: AddStepInput!) { addStep(input: $input) { id version } }',
        { input: { participantId, text } },
        { token: as.sam.accessToken },
      )
    ).addStep;
  const SET_DONE = 'mutation D($input: SetStepDoneInput!) { setStepDone(input: $input) { id version done } }';

  it('a retried edit answers with the current state instead of CONFLICT, and writes one event and one win', async () => {
    const step = await addStep('Phone the landlord about the deposit');
    const input = { stepId: step.id, expectedVersion: step.version, done: true, idempotencyKey: 'step-done-0001' };
    const first = await t.gql.data<{ setStepDone: { version: number; done: boolean } }>(
      SET_DONE,
      { input },
      {
        token: as.sam.accessToken,
      },
    );
    expect(first.setStepDone).toMatchObject({ done: true, version: step.version + 1 });
    const retries = await Promise.all(
      [1, 2, 3].map(() => t.gql.request(SET_DONE, { input }, { token: as.sam.accessToken })),
    );
    for (const retry of retries) expect(retry.data).toEqual({ setStepDone: { id: step.id, ...first.setStepDone } });
    const events = await allTimelineEvents(t.gql, as.sam.accessToken, participantId);
    expect(events.filter((event) => event.itemId === step.id && event.type === 'STEP_DONE')).toHaveLength(1);
    const wins = await t.gql.data<{ wins: { edges: { node: { text: string } }[] } }>(
      'query W($id: ID!) { wins(participantId: $id, first: 50) { edges { node { text } } } }',
      { id: participantId },
      { token: as.sam.accessToken },
    );
    expect(wins.wins.edges.filter((edge) => edge.node.text.includes('Phone the landlord'))).toHaveLength(1);

    // Without a key the same retry is what it always was: CONFLICT with the current version.
    const bare = await t.gql.request(
      SET_DONE,
      { input: { ...input, idempotencyKey: undefined } },
      { token: as.sam.accessToken },
    );
    expect(errorCode(bare)).toBe('CONFLICT');
  });

  it('the same key with another input is refused and changes nothing', async () => {
    const step = await addStep('Ask about the bus pass');
    const input = { stepId: step.id, expectedVersion: step.version, done: true, idempotencyKey: 'step-done-0002' };
    await t.gql.data(SET_DONE, { input }, { token: as.sam.accessToken });
    const other = await t.gql.request(
      'mutation U($input: UpdateStrategyInput!) { updateStrategy(input: $input) { id } }',
      { input: { strategyId: step.id, expectedVersion: 1, status: 'WORKING', idempotencyKey: 'step-done-0002' } },
      { token: as.sam.accessToken },
    );
    expect(other.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.idempotencyKey' });
    const reopened = await t.gql.request(SET_DONE, { input: { ...input, done: false } }, { token: as.sam.accessToken });
    expect(reopened.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.idempotencyKey' });
  });

  it('a retried grant makes one grant', async () => {
    const GRANT = 'mutation G($input: GrantVisibilityInput!) { grantVisibility(input: $input) { id label } }';
    const count = async () =>
      (
        await t.gql.data<{ consentGrants: { id: string }[] }>(
          'query C($id: ID!) { consentGrants(participantId: $id) { id } }',
          { id: participantId },
          { token: as.sam.accessToken },
        )
      ).consentGrants.length;
    const before = await count();
    const input = {
      participantId,
      label: 'LEGAL',
      accountId: as.cm.account.id,
      endsAt: new Date(t.clock.now().getTime() + 30 * 86_400_000).toISOString(),
      idempotencyKey: 'grant-legal-0001',
    };
    const first = await t.gql.data<{ grantVisibility: { id: string } }>(
      GRANT,
      { input },
      { token: as.sam.accessToken },
    );
    const retry = await t.gql.data<{ grantVisibility: { id: string } }>(
      GRANT,
      { input },
      { token: as.sam.accessToken },
    );
    expect(retry.grantVisibility).toEqual(first.grantVisibility);
    expect(await count()).toBe(before + 1);
  });

  it('a retry after the participant revoked access answers NOT_FOUND and shows nothing of the goal', async () => {
    const PLAN = 'query P($id: ID!) { plan(participantId: $id) { goals { id text label version } } }';
    const mdPlan = await t.gql.data<{
      plan: { goals: { id: string; text: string; label: string; version: number }[] };
    }>(PLAN, { id: participantId }, { token: as.md.accessToken });
    const saferUse = mdPlan.plan.goals.find((goal) => goal.label === 'SUBSTANCE_USE')!;
    const RATE = 'mutation R($input: RateStageInput!) { rateStage(input: $input) { id text } }';
    const input = {
      goalId: saferUse.id,
      stage: 'MAINTENANCE',
      expectedVersion: saferUse.version,
      idempotencyKey: 'md-rating-0001',
    };
    const first = await t.gql.data<{ rateStage: { text: string } }>(RATE, { input }, { token: as.md.accessToken });
    expect(first.rateStage.text).toBe(saferUse.text);

    const grants = await t.gql.data<{
      consentGrants: { id: string; label: string; active: boolean; grantee: { accountId: string } | null }[];
    }>(
      'query C($id: ID!) { consentGrants(participantId: $id) { id label active grantee { accountId } } }',
      {
        id: participantId,
      },
      { token: as.sam.accessToken },
    );
    const mdGrant = grants.consentGrants.find(
      (grant) => grant.active && grant.label === 'SUBSTANCE_USE' && grant.grantee?.accountId === as.md.account.id,
    )!;
    await t.gql.data(
      'mutation V($input: GrantIdInput!) { revokeVisibility(input: $input) { id } }',
      { input: { grantId: mdGrant.id } },
      { token: as.sam.accessToken },
    );

    const replay = await t.gql.request(RATE, { input }, { token: as.md.accessToken });
    expect(errorCode(replay)).toBe('NOT_FOUND');
    expect(JSON.stringify(replay)).not.toContain(saferUse.text);
  });
});
