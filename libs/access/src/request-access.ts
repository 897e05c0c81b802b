import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { AccountKind, ProgramRole, SensitivityLabel } from '@roundtable/contracts';
import { Authenticator, isRequestActor, type Actor, type LiveActor, type LiveActorReader } from '@roundtable/identity';
import { ACCESS_CHANGED, Clock } from '@roundtable/platform';
import { AccessSnapshotRepository, type SnapshotRow } from './access-snapshot.repository';

/**
 * What one staff member or support person reaches right now, read in one statement. Valid
 * until the first moment any part of it starts or ends by the clock (NEXT_CHANGE).
 */
export interface AccessSnapshot {
  /** Participants whose care team they are on now; true where as staff (not as a support person). */
  memberships: ReadonlyMap<string, { asStaff: boolean }>;
  /** Per participant they are a member for: labels granted to them or their discipline. */
  grants: ReadonlyMap<string, ReadonlySet<SensitivityLabel>>;
  /** Participants they hold an active break-glass for. */
  emergencies: ReadonlySet<string>;
}

interface Loaded {
  snapshot: Promise<AccessSnapshot>;
  /** The access generation it was read in: an access change in this process since makes it stale. */
  generation: number;
  /** The clock when it was read, and the earliest moment one of its parts ends by the clock alone. */
  readAt: number;
  validUntil: Promise<number>;
}

/**
 * The per-request actor context (issue 18): for an actor resolved for one HTTP request, its
 * memberships, grants and break-glass are read once, in one statement, and shared by every
 * field and check of that request (the plan and progress of one screen used to read them
 * twice each). Never kept beyond the request's actor (see identity's request-actor), and
 * re-read within the request when anything could have changed it:
 * - an access change (consent, team, break-glass) committed in this process since it was read
 *   (ACCESS_CHANGED, rule 10: a revoke is seen by the next check, even within one request);
 * - a grant, break-glass or membership reaching its end by the clock.
 * Participants, administrators and long-lived actors (sockets) never use it: their checks
 * read afresh, as before.
 *
 * It is also the Authenticator's reader: the session's account and its snapshot come in one
 * statement, so a staff member's request reads both with a single round trip (issue 18). The
 * snapshot read with it is kept for the Actor made from that row, under the same rules as
 * one read later (the generation and the clock at the moment the statement was sent).
 */
@Injectable()
export class RequestAccess implements LiveActorReader {
  private readonly loaded = new WeakMap<Actor, Loaded>();
  private generation = 0;

  constructor(
    private readonly clock: Clock,
    events: EventEmitter2,
    private readonly repository: AccessSnapshotRepository,
    authenticator: Authenticator,
  ) {
    events.on(ACCESS_CHANGED, () => {
      this.generation++;
    });
    authenticator.useReader(this);
  }

  /** The Authenticator's read: the live session's account, and what it reaches, together. */
  async read(sessionId: string, accountId: string, at: Date, forOneRequest: boolean): Promise<LiveActor | undefined> {
    const generation = this.generation;
    const rows = await this.repository.actorWithSnapshot(sessionId, accountId, at);
    const account = rows.find((row) => row.kind === 'ACTOR');
    if (!account || account.kind !== 'ACTOR') return undefined;
    const snapshotRows = rows.filter((row): row is SnapshotRow & { actor: null } => row.kind !== 'ACTOR');
    // A long-lived actor (a socket's) keeps nothing: it would hold the snapshot for the life of
    // the connection, and its checks read afresh anyway.
    if (!forOneRequest) return { row: account.actor };
    return {
      row: account.actor,
      adopt: (actor) =>
        this.loaded.set(actor, this.loadedFrom(Promise.resolve(snapshotRows), at.getTime(), generation)),
    };
  }

  /** The snapshot for this actor, or undefined where its checks must read afresh. */
  async of(actor: Actor): Promise<AccessSnapshot | undefined> {
    if (!isRequestActor(actor)) return undefined;
    if (actor.kind === AccountKind.PARTICIPANT || actor.programRole === ProgramRole.ADMINISTRATOR) return undefined;
    const current = this.loaded.get(actor);
    const now = this.clock.now().getTime();
    if (
      current &&
      current.generation === this.generation &&
      now >= current.readAt &&
      now < (await current.validUntil)
    ) {
      return current.snapshot;
    }
    const next = this.readFor(actor, now);
    this.loaded.set(actor, next);
    return next.snapshot;
  }

  private readFor(actor: Actor, now: number): Loaded {
    const generation = this.generation;
    const rows = this.repository.snapshotRows(actor.accountId, new Date(now), actor.discipline ?? null);
    return this.loadedFrom(rows, now, generation);
  }

  private loadedFrom(rows: Promise<SnapshotRow[]>, now: number, generation: number): Loaded {
    const snapshot = rows.then((all) => {
      const memberships = new Map<string, { asStaff: boolean }>();
      const grants = new Map<string, Set<SensitivityLabel>>();
      const emergencies = new Set<string>();
      for (const row of all) {
        if (!row.participant_id) continue;
        if (row.kind === 'MEMBER') memberships.set(row.participant_id, { asStaff: row.detail === 'STAFF' });
        else if (row.kind === 'BREAK_GLASS') emergencies.add(row.participant_id);
        else if (row.kind === 'GRANT') {
          const labels = grants.get(row.participant_id) ?? new Set<SensitivityLabel>();
          labels.add(row.detail as SensitivityLabel);
          grants.set(row.participant_id, labels);
        }
      }
      return { memberships, grants, emergencies };
    });
    const validUntil = rows.then(
      (all) => all.find((row) => row.kind === 'NEXT_CHANGE')?.at?.getTime() ?? Number.POSITIVE_INFINITY,
      // A failed read is never reused: the next check reads again (and fails or succeeds on its own).
      () => Number.NEGATIVE_INFINITY,
    );
    return { snapshot, generation, readAt: now, validUntil };
  }
}
