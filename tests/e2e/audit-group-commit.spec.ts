import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { AuditTrail } from '@roundtable/access';
import { ACCESS_CHANGED } from '@roundtable/platform';
import {
  countSqlStatements,
  signInDemo,
  sqlStatements,
  startTestApp,
  type SignedIn,
  type TestApp,
} from '@roundtable/testing';
import { PLAN_QUERY } from '../bench/queries';

/**
 * The audit trail's group commit (issue 18; rule 12: the audit trail is a legal record):
 * entries recorded together share one INSERT, every caller waits until its own rows are
 * written, and a batch that fails fails only its own callers.
 */
describe('audit rows: group commit, each answer after its own rows', () => {
  let t: TestApp;
  let audit: AuditTrail;
  let db: DataSource;
  let cm: SignedIn;
  let samId: string;

  beforeAll(async () => {
    t = await startTestApp({ seedDemo: true });
    audit = t.app.get(AuditTrail);
    db = t.app.get(DataSource);
    const as = await signInDemo(t.gql, ['cm', 'sam']);
    cm = as.cm;
    samId = as.sam.account.participantId!;
  });

  /** The plan screen's query: `plan` and `progress`, two root fields in one operation. */
  const PLAN_SCREEN = PLAN_QUERY;

  /** The audit INSERTs the app sends while `work` runs. */
  const auditInserts = async (work: () => Promise<unknown>): Promise<number> =>
    (await sqlStatements(t.app, work)).filter((sql) => sql.includes('INSERT INTO audit_event')).length;

  afterAll(() => t.close());

  const rowsFor = async (action: string) =>
    (await db.query<{ n: string }[]>('SELECT count(*) AS n FROM audit_event WHERE action = $1', [action]))[0].n;

  it('writes forty concurrent records in fewer statements than records, each row there when its caller resumes', async () => {
    const action = `group-${randomUUID()}`;
    const seenWhenResolved: string[] = [];
    const statements = await countSqlStatements(t.app, () =>
      Promise.all(
        Array.from({ length: 40 }, (_, index) =>
          audit
            .record({
              participantId: null,
              actor: null,
              action,
              kind: 'READ',
              itemId: randomUUID(),
              reason: `n${index}`,
            })
            .then(async () => {
              const [row] = await db.query<{ n: string }[]>(
                'SELECT count(*) AS n FROM audit_event WHERE action = $1 AND reason = $2',
                [action, `n${index}`],
              );
              seenWhenResolved.push(row.n);
            }),
        ),
      ),
    );
    expect(await rowsFor(action)).toBe('40');
    expect(seenWhenResolved).toEqual(Array.from({ length: 40 }, () => '1'));
    // 40 checks of our own, plus the inserts: fewer inserts than records.
    expect(statements - 40).toBeLessThan(40);
    expect(statements - 40).toBeGreaterThanOrEqual(1);
  });

  it('writes one operation’s root fields in one statement, every row there when the answer arrives', async () => {
    const before = new Date(t.clock.now().getTime() - 1);
    let answer: { plan: { participantId: string }; progress: { domains: unknown[] } } | undefined;
    const inserts = await auditInserts(async () => {
      answer = await t.gql.data(PLAN_SCREEN, { participantId: samId }, { token: cm.accessToken });
    });
    expect(answer!.plan.participantId).toBe(samId);
    expect(answer!.progress.domains.length).toBeGreaterThan(0);
    expect(inserts).toBe(1);
    const rows = await db.query<{ action: string; kind: string }[]>(
      'SELECT action, kind FROM audit_event WHERE actor = $1 AND participant_id = $2 AND at > $3 ORDER BY action',
      [cm.account.id, samId, before],
    );
    expect(rows).toEqual([
      { action: 'plan', kind: 'READ' },
      { action: 'progress', kind: 'READ' },
    ]);
    // The whole plan screen for a case manager (issue 18, at most 4): the account with its
    // access, the plan, progress, and this one audit write.
    const statements = await sqlStatements(t.app, () =>
      t.gql.data(PLAN_SCREEN, { participantId: samId }, { token: cm.accessToken }),
    );
    expect(statements.map((sql) => sql.slice(0, 40))).toHaveLength(4);
  });

  it('withholds the whole answer when its audit rows cannot be written', async () => {
    // Only this test's rows are refused: a constraint that new `progress` rows fail.
    await db.query(`ALTER TABLE audit_event ADD CONSTRAINT refuse_progress CHECK (action <> 'progress') NOT VALID`);
    try {
      const answer = await t.gql.request(PLAN_SCREEN, { participantId: samId }, { token: cm.accessToken });
      expect(answer.status).toBe(500);
      expect(answer.data).toBeUndefined();
      expect(answer.errors).toEqual([
        { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      ]);
      expect(JSON.stringify(answer)).not.toContain('refuse_progress');
    } finally {
      await db.query('ALTER TABLE audit_event DROP CONSTRAINT refuse_progress');
    }
    // The next operation is answered as usual.
    await t.gql.data(PLAN_SCREEN, { participantId: samId }, { token: cm.accessToken });
  });

  it('keeps the moment each entry was recorded, not when its batch was written', async () => {
    const action = `moment-${randomUUID()}`;
    const first = audit.record({ participantId: null, actor: null, action, kind: 'READ', reason: 'first' });
    t.clock.advance(60_000);
    const second = audit.record({ participantId: null, actor: null, action, kind: 'READ', reason: 'second' });
    await Promise.all([first, second]);
    const rows = await db.query<{ reason: string; at: Date }[]>(
      'SELECT reason, at FROM audit_event WHERE action = $1 ORDER BY at',
      [action],
    );
    expect(rows.map((row) => row.reason)).toEqual(['first', 'second']);
    expect(rows[1].at.getTime() - rows[0].at.getTime()).toBe(60_000);
  });

  it('refuses a malformed id alone: the entries batched beside it are still written', async () => {
    const action = `alone-${randomUUID()}`;
    const good = audit.record({ participantId: null, actor: null, action, kind: 'READ', reason: 'good' });
    const bad = audit.record({ participantId: 'not-a-uuid', actor: null, action, kind: 'READ', reason: 'bad' });
    await expect(bad).rejects.toThrow();
    await good;
    expect(await rowsFor(action)).toBe('1');
  });

  it('keeps writing when something listening for access changes fails: that caller hears of it, the next is written', async () => {
    const events = t.app.get(EventEmitter2);
    const failing = () => {
      throw new Error('a listener failed');
    };
    events.on(ACCESS_CHANGED, failing);
    const action = `listener-${randomUUID()}`;
    const [{ id: participantId }] = await db.query<{ id: string }[]>(
      `INSERT INTO participant (program_id, preferred_name, created_at) SELECT id, 'Listener test', now() FROM program LIMIT 1 RETURNING id`,
    );
    try {
      await expect(audit.record({ participantId, actor: null, action, kind: 'CONSENT' })).rejects.toThrow(
        'a listener failed',
      );
    } finally {
      events.off(ACCESS_CHANGED, failing);
    }
    await audit.record({ participantId: null, actor: null, action, kind: 'READ' });
    expect(await rowsFor(action)).toBe('2');
  });
});
