import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { SignJWT } from 'jose';
import { graphql, JsonClient } from './http';

/**
 * Seeding. Accounts, sessions, participants and care teams go straight into PostgreSQL
 * (thousands of password logins would measure argon2, not Roundtable). Plan content goes
 * through the real GraphQL mutations, so every goal, step, strategy and metric has its
 * plan event, label and sequence exactly as in production. Measurement history (50 per
 * metric) is bulk-inserted in SQL with the metric's own label and scale; those rows have no
 * plan events, which only affects the timeline, not the plan, progress or fan-out.
 */

export interface Person {
  accountId: string;
  sessionId: string;
  token: string;
  discipline: string | null;
}

export interface Room {
  participantId: string;
  participant: Person;
  /** Care-team staff; staff[0] is the primary case manager. */
  staff: Person[];
  /** GENERAL steps every client in the room may see: what the realtime run edits. */
  editableStepIds: string[];
  /** Last sequence per label after seeding: clients join with it, as after loading the plan. */
  cursor: Record<string, number>;
}

const DISCIPLINES = [
  'MEDICAL',
  'NURSING',
  'HOUSING',
  'PEER_SUPPORT',
  'BEHAVIOURAL_HEALTH',
  'RECOVERY_COUNSELLING',
  'CASE_MANAGEMENT',
];

export const BENCH_DATABASE = 'roundtable_bench';

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Drops and recreates the bench's own database on the server of `serverUrl`. */
export async function recreateDatabase(serverUrl: string): Promise<string> {
  const admin = new Client({ connectionString: databaseUrl(serverUrl, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${BENCH_DATABASE}`);
  } finally {
    await admin.end();
  }
  return databaseUrl(serverUrl, BENCH_DATABASE);
}

/** An access token exactly as AccessTokenService issues it, signed with the secret the API was given. */
export async function signAccessToken(secret: string, accountId: string, sessionId: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return (
    new SignJWT({ sid: sessionId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(accountId)
      .setIssuer('roundtable')
      .setAudience('roundtable-api')
      .setIssuedAt(now)
      // Long enough for a full run: the realtime gateway closes sockets whose token expired.
      .setExpirationTime(now + 4 * 3600)
      .sign(new TextEncoder().encode(secret))
  );
}

/** Bulk insert of rows given column-wise, via unnest (one statement per table). */
async function insertColumns(
  db: Client,
  table: string,
  columns: Record<string, { type: string; values: unknown[] }>,
): Promise<void> {
  const names = Object.keys(columns);
  const params = names.map((name) => columns[name].values);
  const unnest = names.map((name, i) => `$${i + 1}::${columns[name].type}[]`).join(', ');
  await db.query(`INSERT INTO ${table} (${names.join(', ')}) SELECT * FROM unnest(${unnest})`, params);
}

/** Program, participants, participant and staff accounts, open sessions, care-team memberships. */
export async function seedPeople(db: Client, secret: string, rooms: number, clientsPerRoom: number): Promise<Room[]> {
  const now = new Date();
  const programId = randomUUID();
  await db.query('INSERT INTO program (id, name, created_at) VALUES ($1, $2, $3)', [programId, 'Bench program', now]);
  const result: Room[] = [];
  const accounts = {
    id: [] as string[],
    kind: [] as string[],
    display: [] as string[],
    email: [] as (string | null)[],
    username: [] as (string | null)[],
    discipline: [] as (string | null)[],
    role: [] as (string | null)[],
    participant: [] as (string | null)[],
  };
  const memberships = { participant: [] as string[], account: [] as string[], role: [] as string[] };
  const sessions = { id: [] as string[], account: [] as string[] };
  const participants = { id: [] as string[], name: [] as string[] };

  for (let r = 0; r < rooms; r++) {
    const participantId = randomUUID();
    participants.id.push(participantId);
    participants.name.push(`Participant ${r + 1}`);
    const person = (discipline: string | null): Person => ({
      accountId: randomUUID(),
      sessionId: randomUUID(),
      token: '',
      discipline,
    });
    const participant = person(null);
    accounts.id.push(participant.accountId);
    accounts.kind.push('PARTICIPANT');
    accounts.display.push(`Participant ${r + 1}`);
    accounts.email.push(null);
    accounts.username.push(`bench-participant-${r + 1}`);
    accounts.discipline.push(null);
    accounts.role.push(null);
    accounts.participant.push(participantId);
    const staff: Person[] = [];
    for (let s = 0; s < clientsPerRoom - 1; s++) {
      const discipline = s === 0 ? 'CASE_MANAGEMENT' : DISCIPLINES[(s - 1) % DISCIPLINES.length];
      const member = person(discipline);
      staff.push(member);
      accounts.id.push(member.accountId);
      accounts.kind.push('STAFF');
      accounts.display.push(`Staff ${r + 1}.${s + 1}`);
      accounts.email.push(`staff-${r + 1}-${s + 1}@bench.test`);
      accounts.username.push(null);
      accounts.discipline.push(discipline);
      accounts.role.push('STAFF');
      accounts.participant.push(null);
      memberships.participant.push(participantId);
      memberships.account.push(member.accountId);
      memberships.role.push(s === 0 ? 'PRIMARY_CASE_MANAGER' : 'CARE_TEAM_MEMBER');
    }
    for (const p of [participant, ...staff]) {
      sessions.id.push(p.sessionId);
      sessions.account.push(p.accountId);
    }
    result.push({ participantId, participant, staff, editableStepIds: [], cursor: {} });
  }

  const earlier = new Date(now.getTime() - 200 * 86_400_000);
  await db.query('BEGIN');
  await insertColumns(db, 'participant', {
    id: { type: 'uuid', values: participants.id },
    preferred_name: { type: 'text', values: participants.name },
    program_id: { type: 'uuid', values: participants.id.map(() => programId) },
    created_at: { type: 'timestamptz', values: participants.id.map(() => earlier) },
  });
  await insertColumns(db, 'account', {
    id: { type: 'uuid', values: accounts.id },
    kind: { type: 'text', values: accounts.kind },
    status: { type: 'text', values: accounts.id.map(() => 'ACTIVE') },
    display_name: { type: 'text', values: accounts.display },
    email: { type: 'text', values: accounts.email },
    username: { type: 'text', values: accounts.username },
    program_id: { type: 'uuid', values: accounts.id.map(() => programId) },
    discipline: { type: 'text', values: accounts.discipline },
    program_role: { type: 'text', values: accounts.role },
    participant_id: { type: 'uuid', values: accounts.participant },
    created_at: { type: 'timestamptz', values: accounts.id.map(() => earlier) },
  });
  await insertColumns(db, 'care_team_membership', {
    participant_id: { type: 'uuid', values: memberships.participant },
    account_id: { type: 'uuid', values: memberships.account },
    team_role: { type: 'text', values: memberships.role },
    starts_at: { type: 'timestamptz', values: memberships.account.map(() => earlier) },
  });
  await insertColumns(db, 'auth_session', {
    id: { type: 'uuid', values: sessions.id },
    account_id: { type: 'uuid', values: sessions.account },
    created_at: { type: 'timestamptz', values: sessions.id.map(() => now) },
    expires_at: { type: 'timestamptz', values: sessions.id.map(() => new Date(now.getTime() + 86_400_000)) },
  });
  await db.query('COMMIT');

  for (const room of result) {
    for (const p of [room.participant, ...room.staff])
      p.token = await signAccessToken(secret, p.accountId, p.sessionId);
  }
  return result;
}

const EXPRESS_GOAL = `mutation($input: ExpressGoalInput!) { expressGoal(input: $input) { id label } }`;
const ADD_STEP = `mutation($input: AddStepInput!) { addStep(input: $input) { id label } }`;
const ADD_STRATEGY = `mutation($input: AddStrategyInput!) { addStrategy(input: $input) { id } }`;
const DEFINE_METRIC = `mutation($input: DefineMetricInput!) { defineMetric(input: $input) { id } }`;

/** Ten goals across life domains, in the participant's words; five of them GENERAL. */
const GOALS: { text: string; domain: string; options?: string[]; substance?: string }[] = [
  { text: 'Feel less alone in the evenings', domain: 'RELATIONSHIPS_AND_SUPPORT' },
  { text: 'Have enough money left at the end of the month', domain: 'INCOME' },
  { text: 'Enjoy my days more', domain: 'QUALITY_OF_LIFE' },
  { text: 'Feel safe where I sleep', domain: 'SAFETY' },
  { text: 'Get back to drawing', domain: 'OTHER' },
  { text: 'Get my own place where my dog can live with me', domain: 'HOUSING' },
  { text: 'Sort out my teeth', domain: 'HEALTH' },
  { text: 'Sleep through the night more often', domain: 'EMOTIONAL_WELLBEING' },
  { text: 'Never use alone', domain: 'SUBSTANCE_USE', options: ['SAFER_USE'], substance: 'fentanyl' },
  { text: 'Keep my benefits appointment every month', domain: 'INCOME' },
];

const STRATEGIES = [
  'Carry naloxone and show a friend how to use it',
  'Test with fentanyl strips first',
  'Text my buddy before I use',
  'Use the supervised site on weekdays',
];

const CLINICAL = ['PHQ9', 'GAD7', 'AUDIT_C', 'VIRAL_LOAD', 'CD4', 'HBA1C', 'NIGHTS_HOUSED', 'NALOXONE_KITS'];
const SUBSTANCE_USE_MEASURES = new Set(['AUDIT_C', 'NALOXONE_KITS']);
const OWN_METRICS: { name: string; domain: string; scale: string; minimum?: number; maximum?: number }[] = [
  { name: 'Days I felt safe this week', domain: 'SAFETY', scale: 'COUNT', minimum: 0, maximum: 7 },
  { name: 'How life is going, 0 to 10', domain: 'QUALITY_OF_LIFE', scale: 'NUMBER', minimum: 0, maximum: 10 },
  { name: 'Evenings with someone', domain: 'RELATIONSHIPS_AND_SUPPORT', scale: 'COUNT', minimum: 0, maximum: 7 },
  { name: 'Money left on the 25th', domain: 'INCOME', scale: 'NUMBER', minimum: 0, maximum: 500 },
  { name: 'Getting my own place', domain: 'HOUSING', scale: 'GOAL_ATTAINMENT' },
  { name: 'Nights slept through', domain: 'EMOTIONAL_WELLBEING', scale: 'COUNT', minimum: 0, maximum: 7 },
  { name: 'Drew something this week', domain: 'OTHER', scale: 'YES_NO' },
  { name: 'Mood, 0 to 10', domain: 'EMOTIONAL_WELLBEING', scale: 'NUMBER', minimum: 0, maximum: 10 },
  { name: 'Days I ate two meals', domain: 'HEALTH', scale: 'COUNT', minimum: 0, maximum: 7 },
  { name: 'Times I used with someone around', domain: 'SUBSTANCE_USE', scale: 'COUNT', minimum: 0, maximum: 30 },
  { name: 'Pain, 0 to 10', domain: 'HEALTH', scale: 'NUMBER', minimum: 0, maximum: 10 },
  { name: 'Appointments kept', domain: 'INCOME', scale: 'COUNT', minimum: 0, maximum: 10 },
];

/**
 * One room's plan through the API, as its participant (and, for clinical metrics, its case
 * manager). `goals` other than 10 (the scaling profile) repeats the ten goals in turn, each
 * with its two steps; strategies and metrics stay the same.
 */
async function seedPlan(client: JsonClient, room: Room, goals = GOALS.length): Promise<void> {
  const participantId = room.participantId;
  const me = room.participant.token;
  const cm = room.staff[0];
  for (let i = 0; i < goals; i++) {
    const round = Math.floor(i / GOALS.length);
    const base = GOALS[i % GOALS.length];
    const goal = round ? { ...base, text: `${base.text} (${round + 1})` } : base;
    const { expressGoal } = await graphql<{ expressGoal: { id: string; label: string } }>(
      client,
      EXPRESS_GOAL,
      { input: { participantId, horizon: i % 3 ? 'RIGHT_NOW' : 'LONGER_TERM', options: [], ...goal } },
      me,
    );
    for (let s = 0; s < 2; s++) {
      const assignee = room.staff[(i + s) % room.staff.length];
      const { addStep } = await graphql<{ addStep: { id: string; label: string } }>(
        client,
        ADD_STEP,
        {
          input: {
            participantId,
            goalId: expressGoal.id,
            text: `Step ${s + 1} toward: ${goal.text}`,
            assigneeAccountId: s === 0 ? assignee.accountId : null,
          },
        },
        me,
      );
      if (addStep.label === 'GENERAL') room.editableStepIds.push(addStep.id);
    }
  }
  for (const text of STRATEGIES) {
    await graphql(client, ADD_STRATEGY, { input: { participantId, text, status: 'ALREADY_DOING' } }, me);
  }
  for (const metric of OWN_METRICS) {
    await graphql(
      client,
      DEFINE_METRIC,
      { input: { participantId, kind: 'PARTICIPANT_DEFINED', better: 'HIGHER', ...metric } },
      me,
    );
  }
  for (const code of CLINICAL) {
    // Substance-use measures are the participant's to add: staff do not see that label by default.
    const who = SUBSTANCE_USE_MEASURES.has(code) ? me : cm.token;
    await graphql(client, DEFINE_METRIC, { input: { participantId, kind: 'CLINICAL', catalogueCode: code } }, who);
  }
}

/** A one-goal, one-metric plan: to show the plan read's SQL count does not grow with the plan. */
async function seedSmallPlan(client: JsonClient, room: Room): Promise<void> {
  const participantId = room.participantId;
  const me = room.participant.token;
  const { expressGoal } = await graphql<{ expressGoal: { id: string } }>(
    client,
    EXPRESS_GOAL,
    { input: { participantId, options: [], ...GOALS[0] } },
    me,
  );
  await graphql(client, ADD_STEP, { input: { participantId, goalId: expressGoal.id, text: 'One step' } }, me);
  await graphql(
    client,
    DEFINE_METRIC,
    { input: { participantId, kind: 'PARTICIPANT_DEFINED', better: 'HIGHER', ...OWN_METRICS[0] } },
    me,
  );
}

/** Every room's plan, a few rooms at a time; `small` rooms get a one-goal plan. */
export async function seedPlans(
  apiUrl: string,
  rooms: Room[],
  small: Room[] = [],
  concurrency = 6,
  goals = GOALS.length,
): Promise<void> {
  const client = new JsonClient(`${apiUrl}/graphql`, concurrency);
  const work = [
    ...rooms.map((room) => () => seedPlan(client, room, goals)),
    ...small.map((room) => () => seedSmallPlan(client, room)),
  ];
  let next = 0;
  const worker = async () => {
    while (next < work.length) await work[next++]();
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    client.close();
  }
}

/** 50 weekly measurements per metric, within the metric's scale, newest last week. */
export async function seedMeasurements(db: Client, rooms: Room[], perMetric = 50): Promise<number> {
  const recorder = new Map<string, string>();
  for (const room of rooms) recorder.set(room.participantId, room.participant.accountId);
  const metrics: {
    id: string;
    participant_id: string;
    label: string;
    kind: string;
    scale: string;
    minimum: number | null;
    maximum: number | null;
  }[] = (await db.query('SELECT id, participant_id, label, kind, scale, minimum, maximum FROM metric')).rows;
  const now = Date.now();
  const week = 7 * 86_400_000;
  const rows = {
    participant: [] as string[],
    metric: [] as string[],
    label: [] as string[],
    value: [] as number[],
    at: [] as Date[],
    source: [] as string[],
    by: [] as string[],
  };
  for (const [m, metric] of metrics.entries()) {
    const low = metric.minimum ?? 0;
    const high = metric.maximum ?? low + 100;
    const whole = metric.scale !== 'NUMBER' || high - low <= 10;
    for (let i = 0; i < perMetric; i++) {
      const wave = (Math.sin((i + m) / 5) + 1) / 2;
      const raw = low + (high - low) * (0.2 + 0.6 * wave * (0.5 + (0.5 * i) / perMetric));
      rows.participant.push(metric.participant_id);
      rows.metric.push(metric.id);
      rows.label.push(metric.label);
      rows.value.push(whole ? Math.round(raw) : Math.round(raw * 10) / 10);
      rows.at.push(new Date(now - (perMetric - i) * week));
      rows.source.push(metric.kind === 'CLINICAL' ? 'CLINICIAN' : 'SELF_REPORT');
      rows.by.push(recorder.get(metric.participant_id)!);
    }
  }
  const chunk = 20_000;
  for (let start = 0; start < rows.metric.length; start += chunk) {
    const part = <T>(values: T[]) => values.slice(start, start + chunk);
    await insertColumns(db, 'measurement', {
      participant_id: { type: 'uuid', values: part(rows.participant) },
      metric_id: { type: 'uuid', values: part(rows.metric) },
      label: { type: 'text', values: part(rows.label) },
      value: { type: 'float8', values: part(rows.value) },
      at: { type: 'timestamptz', values: part(rows.at) },
      source: { type: 'text', values: part(rows.source) },
      recorded_by: { type: 'uuid', values: part(rows.by) },
      created_at: { type: 'timestamptz', values: part(rows.at) },
    });
  }
  await db.query('ANALYZE');
  return rows.metric.length;
}

/** The last sequence of every label of every room, after seeding. */
export async function loadCursors(db: Client, rooms: Room[]): Promise<void> {
  const { rows } = await db.query<{ participant_id: string; label: string; last_seq: number }>(
    'SELECT participant_id, label, last_seq FROM plan_label_sequence',
  );
  const byId = new Map(rooms.map((room) => [room.participantId, room]));
  for (const row of rows) {
    const room = byId.get(row.participant_id);
    if (room) room.cursor[row.label] = row.last_seq;
  }
}
