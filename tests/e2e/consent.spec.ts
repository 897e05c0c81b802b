import { DataSource } from 'typeorm';
import { EventEmitter2 } from '@nestjs/event-emitter';
import {
  ACCESS_CHANGED,
  CONSENT_CHANGED,
  transactionThenPublish,
  type AccessChanged,
  type ConsentChanged,
} from '@roundtable/platform';
import {
  allTimelineEvents,
  countSqlStatements,
  errorCode,
  expressGoal,
  inviteSupportPerson,
  signIn,
  signInDemoPeople,
  startTestApp,
  type SignedIn,
  type TestApp,
} from '@roundtable/testing';

const PLAN = `query P($id: ID!) { plan(participantId: $id) {
  version vision { text } goals { id text label rank steps { text label } } looseSteps { text } strategies { text } offers { text }
} }`;
const PROGRESS =
  'query P($id: ID!) { progress(participantId: $id) { domains { domain participantDefined { metric { id name label } values } clinical { metric { id name label } values } } } }';
const WINS =
  'query W($id: ID!) { wins(participantId: $id, first: 100) { edges { node { text label } } pageInfo { hasNextPage } } }';
const SETBACKS = 'query S($id: ID!) { setbacks(participantId: $id) { reflection label } }';
const GRANT =
  'mutation G($input: GrantVisibilityInput!) { grantVisibility(input: $input) { id label active grantee { displayName } discipline } }';
const REVOKE = 'mutation R($input: GrantIdInput!) { revokeVisibility(input: $input) { id active revokedAt } }';
const LOG =
  'query L($id: ID!, $after: String) { accessLog(participantId: $id, first: 100, after: $after) { edges { node { actor { displayName } action kind labels reason } } pageInfo { hasNextPage endCursor } } }';
const DAY = 86_400_000;

interface LogPage {
  accessLog: { edges: { node: LogEntry }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
}

interface LogEntry {
  actor: { displayName: string } | null;
  action: string;
  kind: string;
  labels: string[];
  reason: string | null;
}

describe('consent: the participant decides who sees what', () => {
  let t: TestApp, participantId: string;
  const as: Record<string, SignedIn> = {};
  const people = ['cm', 'md', 'housing', 'peer', 'supervisor', 'admin', 'sam'];
  beforeAll(async () => (t = await startTestApp({ seedDemo: true })));
  beforeEach(async () => ({ participantId } = await signInDemoPeople(t.gql, people, as)));
  afterAll(() => t.close());

  const read = async (who: string) => {
    const token = { token: as[who].accessToken };
    const [plan, progress, wins, setbacks, timeline] = await Promise.all([
      t.gql.data(PLAN, { id: participantId }, token),
      t.gql.data(PROGRESS, { id: participantId }, token),
      t.gql.data(WINS, { id: participantId }, token),
      t.gql.data(SETBACKS, { id: participantId }, token),
      allTimelineEvents(t.gql, as[who].accessToken, participantId, 7),
    ]);
    return JSON.stringify({ plan, progress, wins, setbacks, timeline });
  };
  const SUBSTANCE = /Never use alone|naloxone|fentanyl|Naloxone|SUBSTANCE_USE/;

  it('a housing worker gets no substance-use content on any read path', async () => {
    expect(await read('sam')).toMatch(SUBSTANCE);
    expect(await read('cm')).toMatch(SUBSTANCE); // granted in the demo
    expect(await read('housing')).not.toMatch(SUBSTANCE);
    expect(await read('peer')).not.toMatch(SUBSTANCE);
  });

  it('a hidden metric or strategy answers exactly like an unknown id, in the error too', async () => {
    const progress = await t.gql.data<{
      progress: { domains: { domain: string; clinical: { metric: { id: string; name: string } }[] }[] };
    }>(PROGRESS, { id: participantId }, { token: as.sam.accessToken });
    const naloxone = progress.progress.domains.find((d) => d.domain === 'SUBSTANCE_USE')!.clinical[0].metric.id;
    const RECORD = 'mutation R($input: RecordMeasurementInput!) { recordMeasurement(input: $input) { id } }';
    const hidden = await t.gql.request(
      RECORD,
      { input: { metricId: naloxone, value: 3, source: 'PROGRAM_RECORD' } },
      { token: as.housing.accessToken },
    );
    const unknown = await t.gql.request(
      RECORD,
      { input: { metricId: '0b7a6c5d-4e3f-4a2b-9c1d-0e9f8a7b6c5d', value: 3, source: 'PROGRAM_RECORD' } },
      { token: as.housing.accessToken },
    );
    const strip = (r: typeof hidden) => r.errors!.map(({ message, extensions }) => ({ message, extensions }));
    expect(strip(hidden)).toEqual(strip(unknown));
  });

  it('a grant makes content visible at once, and a revoke hides it at once', async () => {
    const granted = await t.gql.data<{ grantVisibility: { id: string; active: boolean } }>(
      GRANT,
      {
        input: { participantId, label: 'SUBSTANCE_USE', accountId: as.housing.account.id, endEvent: 'when I move in' },
      },
      { token: as.sam.accessToken },
    );
    expect(granted.grantVisibility.active).toBe(true);
    expect(await read('housing')).toMatch(SUBSTANCE);
    await t.gql.data(REVOKE, { input: { grantId: granted.grantVisibility.id } }, { token: as.sam.accessToken });
    expect(await read('housing')).not.toMatch(SUBSTANCE);
    const history = await t.gql.data<{ consentGrants: { id: string; active: boolean; revokedAt: string | null }[] }>(
      'query C($id: ID!) { consentGrants(participantId: $id) { id active revokedAt } }',
      { id: participantId },
      { token: as.sam.accessToken },
    );
    expect(history.consentGrants.find((g) => g.id === granted.grantVisibility.id)).toMatchObject({
      active: false,
      revokedAt: expect.any(String),
    });
  });

  it('a grant and a revoke each publish one ConsentChanged, after ACCESS_CHANGED, once the grant and its audit row have committed', async () => {
    const events = t.app.get(EventEmitter2);
    const dataSource = t.app.get(DataSource);
    const heard: (ConsentChanged | { access: string })[] = [];
    const committed: Promise<{ revoked: boolean; audited: number }>[] = [];
    const onAccess = ({ participantId: id }: AccessChanged) => heard.push({ access: id });
    const onConsent = (event: ConsentChanged) => {
      heard.push(event);
      // Read on another connection as the event is published: both rows are already there.
      committed.push(
        dataSource
          .query(
            `SELECT g.revoked_at IS NOT NULL AS revoked,
                    (SELECT count(*)::int FROM audit_event a WHERE a.item_id = g.id AND a.kind = 'CONSENT') AS audited
               FROM consent_grant g WHERE g.id = $1`,
            [event.grantId],
          )
          .then(([row]: { revoked: boolean; audited: number }[]) => row),
      );
    };
    events.on(ACCESS_CHANGED, onAccess);
    events.on(CONSENT_CHANGED, onConsent);
    try {
      const { grantVisibility } = await t.gql.data<{ grantVisibility: { id: string } }>(
        GRANT,
        { input: { participantId, label: 'HEALTH', discipline: 'HOUSING', endEvent: 'when I say' } },
        { token: as.sam.accessToken },
      );
      const revoke = { input: { grantId: grantVisibility.id, idempotencyKey: 'revoke-health-once' } };
      await t.gql.data(REVOKE, revoke, { token: as.sam.accessToken });
      // A retry, or revoking again, changes nothing and publishes nothing.
      await t.gql.data(REVOKE, revoke, { token: as.sam.accessToken });
      await t.gql.data(REVOKE, { input: { grantId: grantVisibility.id } }, { token: as.sam.accessToken });
      const change = {
        participantId,
        grantId: grantVisibility.id,
        label: 'HEALTH',
        accountId: null,
        discipline: 'HOUSING',
      };
      expect(heard).toEqual([
        { access: participantId },
        { kind: 'GRANTED', ...change },
        { access: participantId },
        { kind: 'REVOKED', ...change },
      ]);
      expect(await Promise.all(committed)).toEqual([
        { revoked: false, audited: 1 },
        { revoked: true, audited: 2 },
      ]);
    } finally {
      events.off(ACCESS_CHANGED, onAccess);
      events.off(CONSENT_CHANGED, onConsent);
    }
  });

  it('what a transaction queues to publish is dropped when it rolls back', async () => {
    const published: string[] = [];
    await expect(
      transactionThenPublish(t.app.get(DataSource), async ({ afterCommit }) => {
        afterCommit(() => published.push('rolled back'));
        throw new Error('the write failed');
      }),
    ).rejects.toThrow('the write failed');
    await transactionThenPublish(t.app.get(DataSource), async ({ afterCommit }) => {
      afterCommit(() => published.push('committed'));
    });
    expect(published).toEqual(['committed']);
  });

  it('a grant’s end date ends it by the clock', async () => {
    const endsAt = new Date(t.clock.now().getTime() + DAY).toISOString();
    await t.gql.data(
      GRANT,
      { input: { participantId, label: 'SUBSTANCE_USE', accountId: as.peer.account.id, endsAt } },
      { token: as.sam.accessToken },
    );
    expect(await read('peer')).toMatch(SUBSTANCE);
    t.clock.advance(DAY + 1000);
    for (const key of ['peer', 'sam'])
      as[key] = await signIn(t.gql, key === 'sam' ? 'participant@demo.test' : 'peer@demo.test');
    expect(await read('peer')).not.toMatch(SUBSTANCE);
  });

  it('a discipline grant covers later members only when the participant says so', async () => {
    const ADD = 'mutation A($input: AddCareTeamMemberInput!) { addCareTeamMember(input: $input) { membershipId } }';
    const invite =
      'mutation I($input: InviteStaffInput!) { inviteStaff(input: $input) { account { id } invitation { code } } }';
    const accept =
      'mutation A($input: AcceptStaffInvitationInput!) { acceptStaffInvitation(input: $input) { accessToken } }';
    const newHousingWorker = async (email: string) => {
      const { inviteStaff } = await t.gql.data<{
        inviteStaff: { account: { id: string }; invitation: { code: string } };
      }>(
        invite,
        { input: { email, displayName: email, discipline: 'HOUSING', programRole: 'STAFF' } },
        { token: as.admin.accessToken },
      );
      await t.gql.data(accept, { input: { code: inviteStaff.invitation.code, password: 'a long enough password' } });
      // Separation of duties: a supervisor other than the inviting administrator confirms the person.
      await t.gql.data(
        'mutation C($input: AccountIdInput!) { confirmStaffAccount(input: $input) { id } }',
        { input: { accountId: inviteStaff.account.id } },
        { token: as.supervisor.accessToken },
      );
      t.clock.advance(1000);
      await t.gql.data(
        ADD,
        { input: { participantId, accountId: inviteStaff.account.id } },
        { token: as.cm.accessToken },
      );
      as[email] = await signIn(t.gql, email, 'a long enough password');
      return email;
    };
    const grant = await t.gql.data<{ grantVisibility: { id: string } }>(
      GRANT,
      {
        input: {
          participantId,
          label: 'LEGAL',
          discipline: 'HOUSING',
          includesFutureMembers: false,
          endEvent: 'after court',
        },
      },
      { token: as.sam.accessToken },
    );
    t.clock.advance(1000);
    const later = await newHousingWorker('late-housing@demo.test');
    const legal = await expressGoal(t.gql, as.sam.accessToken, {
      participantId,
      text: 'Sort out the court date',
      domain: 'OTHER',
      label: 'LEGAL',
    });
    const sees = async (who: string) => (await read(who)).includes(legal.text);
    expect(await sees('housing')).toBe(true); // on the team when the grant was made
    expect(await sees(later)).toBe(false);
    await t.gql.data(REVOKE, { input: { grantId: grant.grantVisibility.id } }, { token: as.sam.accessToken });
    await t.gql.data(
      GRANT,
      {
        input: {
          participantId,
          label: 'LEGAL',
          discipline: 'HOUSING',
          includesFutureMembers: true,
          endEvent: 'after court',
        },
      },
      { token: as.sam.accessToken },
    );
    expect(await sees(later)).toBe(true);
  });

  it('only the participant grants; others are refused without learning more', async () => {
    const input = { participantId, label: 'SUBSTANCE_USE', accountId: as.housing.account.id, endEvent: 'x-y-z' };
    expect(errorCode(await t.gql.request(GRANT, { input }, { token: as.cm.accessToken }))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql.request(GRANT, { input }, { token: as.supervisor.accessToken }))).toBe('NOT_FOUND');
    const noEnd = await t.gql.request(
      GRANT,
      { input: { participantId, label: 'HEALTH', accountId: as.housing.account.id } },
      { token: as.sam.accessToken },
    );
    expect(noEnd.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.endsAt' });
  });

  it('who sees what, and a preview of the plan as one member sees it', async () => {
    const { whoSeesWhat } = await t.gql.data<{
      whoSeesWhat: { member: { displayName: string }; labels: { label: string; source: string }[] }[];
    }>(
      'query W($id: ID!) { whoSeesWhat(participantId: $id) { member { displayName } labels { label source } } }',
      { id: participantId },
      { token: as.sam.accessToken },
    );
    const of = (name: string) => whoSeesWhat.find((m) => m.member.displayName === name)!.labels;
    expect(of('Alex Rivera')).toContainEqual({ label: 'SUBSTANCE_USE', source: 'GRANT' });
    expect(of('Marcus Lee').map((l) => l.label)).not.toContain('SUBSTANCE_USE');
    const preview = await t.gql.data<{ planAsSeenBy: unknown }>(
      'query V($id: ID!, $a: ID!) { planAsSeenBy(participantId: $id, accountId: $a) { goals { id text label rank } } }',
      { id: participantId, a: as.housing.account.id },
      { token: as.sam.accessToken },
    );
    const own = await t.gql.data<{ plan: unknown }>(
      'query P($id: ID!) { plan(participantId: $id) { goals { id text label rank } } }',
      { id: participantId },
      { token: as.housing.accessToken },
    );
    expect(preview.planAsSeenBy).toEqual(own.plan);
  });

  it('who sees what costs the same statements for a team of any size', async () => {
    const WHO = 'query W($id: ID!) { whoSeesWhat(participantId: $id) { member { displayName } labels { label } } }';
    const ask = () => t.gql.data<{ whoSeesWhat: unknown[] }>(WHO, { id: participantId }, { token: as.sam.accessToken });
    const before = (await ask()).whoSeesWhat.length;
    const cost = await countSqlStatements(t.app, ask);
    await inviteSupportPerson(t.gql, as.sam.accessToken, participantId, `ana-${Date.now().toString(36)}`);
    await inviteSupportPerson(t.gql, as.sam.accessToken, participantId, `bo-${Date.now().toString(36)}`);
    expect((await ask()).whoSeesWhat.length).toBe(before + 2);
    expect(await countSqlStatements(t.app, ask)).toBe(cost);
  });

  it('break-glass: a clinician with a reason sees everything for a limited time; it is shown to the participant and ends by itself', async () => {
    const legal = await expressGoal(t.gql, as.sam.accessToken, {
      participantId,
      text: 'Talk to a lawyer about the eviction',
      domain: 'OTHER',
      label: 'LEGAL',
    });
    const sees = async () => (await read('md')).includes(legal.text);
    expect(await sees()).toBe(false);
    const REQUEST =
      'mutation B($input: RequestEmergencyAccessInput!) { requestEmergencyAccess(input: $input) { id active endsAt } }';
    expect(
      errorCode(
        await t.gql.request(
          REQUEST,
          { input: { participantId, reason: 'Need the whole picture before surgery' } },
          { token: as.cm.accessToken },
        ),
      ),
    ).toBe('FORBIDDEN');
    const started = await t.gql.data<{ requestEmergencyAccess: { active: boolean } }>(
      REQUEST,
      { input: { participantId, reason: 'Unconscious in ED, need full history' } },
      { token: as.md.accessToken },
    );
    expect(started.requestEmergencyAccess.active).toBe(true);
    expect(await sees()).toBe(true);
    const shown = await t.gql.data<{ emergencyAccesses: { reason: string; clinician: { displayName: string } }[] }>(
      'query E($id: ID!) { emergencyAccesses(participantId: $id) { reason clinician { displayName } } }',
      { id: participantId },
      { token: as.sam.accessToken },
    );
    expect(shown.emergencyAccesses[0]).toEqual({
      reason: 'Unconscious in ED, need full history',
      clinician: { displayName: 'Dr. Priya Natarajan' },
    });
    t.clock.advance((t.config.BREAK_GLASS_MINUTES + 1) * 60_000);
    as.md = await signIn(t.gql, 'md@demo.test');
    expect(await sees()).toBe(false);
  });

  it('every read, change, denial, consent and team change lands in the audit trail the participant can read', async () => {
    await t.gql.data(PLAN, { id: participantId }, { token: as.housing.accessToken });
    await t.gql.request(PLAN, { id: participantId }, { token: as.supervisor.accessToken });
    await expressGoal(t.gql, as.cm.accessToken, {
      participantId,
      text: 'Visit the food bank',
      domain: 'OTHER',
      writtenWithParticipant: true,
    });
    const entries: LogEntry[] = [];
    for (let after: string | null = null; ;) {
      const page: LogPage = await t.gql.data<LogPage>(LOG, { id: participantId, after }, { token: as.sam.accessToken });
      const { accessLog } = page;
      entries.push(...accessLog.edges.map((e) => e.node));
      if (!accessLog.pageInfo.hasNextPage) break;
      after = accessLog.pageInfo.endCursor;
    }
    const housingRead = entries.find(
      (e) => e.actor?.displayName === 'Marcus Lee' && e.action === 'plan' && e.kind === 'READ',
    );
    expect(housingRead?.labels).toEqual(expect.arrayContaining(['GENERAL', 'HOUSING']));
    expect(housingRead?.labels).not.toContain('SUBSTANCE_USE');
    expect(entries).toContainEqual(
      expect.objectContaining({ actor: { displayName: 'Dana Whitfield' }, action: 'plan', kind: 'DENIED' }),
    );
    expect(entries).toContainEqual(
      expect.objectContaining({ actor: { displayName: 'Alex Rivera' }, action: 'expressGoal', kind: 'CHANGE' }),
    );
    expect(entries).toContainEqual(
      expect.objectContaining({ actor: { displayName: 'Sam' }, action: 'grantVisibility', kind: 'CONSENT' }),
    );
    expect(entries).toContainEqual(
      expect.objectContaining({
        action: 'requestEmergencyAccess',
        kind: 'BREAK_GLASS',
        reason: 'Unconscious in ED, need full history',
      }),
    );
    expect(entries).toContainEqual(expect.objectContaining({ action: 'addCareTeamMember', kind: 'TEAM' }));
    // Only the participant reads it.
    expect(errorCode(await t.gql.request(LOG, { id: participantId }, { token: as.cm.accessToken }))).toBe('FORBIDDEN');
  });

  it('the audit trail is append-only in the database itself', async () => {
    const dataSource = t.app.get(DataSource);
    await expect(dataSource.query("UPDATE audit_event SET action = 'tampered'")).rejects.toThrow(/append-only/);
    await expect(dataSource.query('DELETE FROM audit_event')).rejects.toThrow(/append-only/);
  });

  it('a support person sees nothing until granted, then exactly the granted label', async () => {
    as.jo = await inviteSupportPerson(t.gql, as.sam.accessToken, participantId, 'jo-support');
    const before = await t.gql.data<{ plan: { goals: unknown[] } }>(
      PLAN,
      { id: participantId },
      { token: as.jo.accessToken },
    );
    expect(before.plan.goals).toEqual([]);
    await t.gql.data(
      GRANT,
      {
        input: {
          participantId,
          label: 'GENERAL',
          accountId: as.jo.account.id,
          endEvent: 'until I say',
        },
      },
      { token: as.sam.accessToken },
    );
    const after = await t.gql.data<{ plan: { goals: { label: string }[] } }>(
      PLAN,
      { id: participantId },
      { token: as.jo.accessToken },
    );
    expect(after.plan.goals.length).toBeGreaterThan(0);
    expect(new Set(after.plan.goals.map((g) => g.label))).toEqual(new Set(['GENERAL']));
  });
});
