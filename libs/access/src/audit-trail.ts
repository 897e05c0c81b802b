import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { SensitivityLabel } from '@roundtable/contracts';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { AuditRepository, type AuditRow } from './audit.repository';
import {
  ACCESS_CHANGED,
  Clock,
  isUuid,
  type AccessChanged,
  type BeforeAnswer,
  type CommittingWrite,
  type SqlPart,
} from '@roundtable/platform';

export type AuditEntryKind = 'READ' | 'CHANGE' | 'DENIED' | 'CONSENT' | 'TEAM' | 'BREAK_GLASS';

export interface AuditEntry {
  participantId: string | null;
  actor: string | null;
  action: string;
  kind: AuditEntryKind;
  labels?: SensitivityLabel[];
  itemId?: string | null;
  reason?: string | null;
  /** When it happened, where that is earlier than when it is recorded (an operation's fields). */
  at?: Date;
}

const ACCESS_KINDS = new Set<AuditEntryKind>(['CONSENT', 'TEAM', 'BREAK_GLASS']);

/** What one GraphQL operation touched, gathered while it runs. */
export interface AuditScope {
  touched: Map<string, Set<SensitivityLabel>>;
  /** A mutation's root field: its CHANGE rows may be written by its own write (`withChange`). */
  change?: { actor: string | null; action: string };
  /** What `withChange` wrote, per participant: the end of the field does not write it again. */
  writtenWithChange?: Map<string, Set<SensitivityLabel>>;
}

/** A mutation's audit rows as a piece of its single-statement write. */
export interface AuditWithChange {
  part: SqlPart;
  /** Call once the statement wrote (its gates let it through): the rows are then stored. */
  written(): void;
}

/**
 * The append-only audit trail. Access policies `touch` the participants (and labels) an
 * operation reaches; the audit interceptor writes one row per touched participant when the
 * operation ends, as a read, a change, or a denied attempt.
 */
@Injectable()
export class AuditTrail {
  private readonly scopes = new AsyncLocalStorage<AuditScope>();

  constructor(
    private readonly clock: Clock,
    private readonly events: EventEmitter2,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: AuditRepository,
  ) {}

  runInScope<T>(scope: AuditScope, work: () => T): T {
    return this.scopes.run(scope, work);
  }

  touch(participantId: string, labels: Iterable<SensitivityLabel> = []): void {
    const scope = this.scopes.getStore();
    if (!scope || !isUuid(participantId)) return;
    const seen = scope.touched.get(participantId) ?? new Set<SensitivityLabel>();
    for (const label of labels) seen.add(label);
    scope.touched.set(participantId, seen);
  }

  /**
   * Writes entries; an id that names no participant is kept as a null participant (an
   * attempt on nothing). Consent, team and break-glass entries also announce that access
   * to that participant changed, so live connections are re-checked at once.
   *
   * Group commit (issue 18): entries recorded while an earlier batch is being written go out
   * together in the next single INSERT, so concurrent requests share one statement. Each
   * caller still waits until its own rows are written: the audit trail is a legal record
   * (rule 12), and an answer is never sent before its audit row exists.
   */
  record(...entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    const at = this.clock.now();
    // An id that is not a uuid would fail the whole batch's cast: such entries go alone, as before.
    if (!entries.every(hasWellFormedIds)) {
      return this.recordIn({ manager: this.dataSource.manager, afterCommit: (announce) => announce() }, ...entries);
    }
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ rows: entries.map((entry) => rowOf(entry, at)), entries, resolve, reject });
      if (!this.draining) {
        this.draining = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  /**
   * The CHANGE rows of the mutation running now, for what it has reached so far, as a piece
   * of its single-statement write (PlanEventLog.writeOne): they commit with the change they
   * record, or not at all (rule 12: the audit trail is a legal record), and the field's end
   * no longer sends an INSERT of its own (issue 18: one statement fewer per edit). Outside a
   * mutation, or with nothing reached, undefined.
   */
  withChange(): AuditWithChange | undefined {
    const scope = this.scopes.getStore();
    const change = scope?.change;
    if (!scope || !change) return undefined;
    const at = this.clock.now();
    const reached = [...scope.touched].filter(([participantId, labels]) => !coveredBy(scope, participantId, labels));
    if (reached.length === 0) return undefined;
    const rows = reached.map(([participantId, labels]) =>
      rowOf({ participantId, actor: change.actor, action: change.action, kind: 'CHANGE', labels: [...labels] }, at),
    );
    return {
      part: this.repository.insertPart(rows),
      written: () => {
        scope.writtenWithChange ??= new Map();
        for (const [participantId, labels] of reached) {
          const written = scope.writtenWithChange.get(participantId) ?? new Set<SensitivityLabel>();
          for (const label of labels) written.add(label);
          scope.writtenWithChange.set(participantId, written);
        }
      },
    };
  }

  /** A field's entries less those its write already stored (`withChange`). */
  stillToWrite(scope: AuditScope, entries: AuditEntry[]): AuditEntry[] {
    return entries.filter(
      (entry) =>
        entry.kind !== 'CHANGE' || !entry.participantId || !coveredBy(scope, entry.participantId, entry.labels ?? []),
    );
  }

  /**
   * One GraphQL operation's entries, written together by a single `record` once all its root
   * fields have run and before its answer is sent (issue 18: the plan screen's `plan` and
   * `progress` wrote one INSERT each). Without an operation to wait on, written at once.
   */
  async recordBeforeAnswer(beforeAnswer: BeforeAnswer | undefined, entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    if (!beforeAnswer) return this.record(...entries);
    let pending = this.pendingByOperation.get(beforeAnswer);
    if (!pending) {
      const entriesOfOperation: AuditEntry[] = [];
      pending = entriesOfOperation;
      this.pendingByOperation.set(beforeAnswer, pending);
      beforeAnswer.add(() => this.record(...entriesOfOperation.splice(0)));
    }
    // Each row keeps the moment its field ended, not when the operation's batch is written.
    const at = this.clock.now();
    pending.push(...entries.map((entry) => ({ ...entry, at: entry.at ?? at })));
  }

  /**
   * `record` inside the caller's transaction: the rows commit with the change they audit,
   * and access changes are announced only once it has committed (rule 10: the re-check must
   * see the change).
   */
  async recordIn({ manager, afterCommit }: CommittingWrite, ...entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const at = this.clock.now();
    await this.repository.insert(
      manager,
      entries.map((entry) => rowOf(entry, at)),
    );
    afterCommit(() => this.announceAccessChanges(entries));
  }

  private readonly waiting: WaitingRecord[] = [];
  private readonly pendingByOperation = new WeakMap<BeforeAnswer, AuditEntry[]>();
  private draining = false;

  /** Writes what is waiting, one INSERT per batch, until nothing is left. */
  private async drain(): Promise<void> {
    // Nothing may leave this loop by throwing: `draining` would stay set and every later
    // record would wait for ever. Each caller gets its own outcome.
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0);
        try {
          await this.repository.insert(
            this.dataSource.manager,
            batch.flatMap((record) => record.rows),
          );
        } catch (error) {
          for (const record of batch) record.reject(error);
          continue;
        }
        for (const record of batch) {
          try {
            this.announceAccessChanges(record.entries);
            record.resolve();
          } catch (error) {
            record.reject(error);
          }
        }
      }
    } finally {
      this.draining = false;
    }
  }

  private announceAccessChanges(entries: readonly AuditEntry[]): void {
    const changed = new Set(
      entries.flatMap((e) => (ACCESS_KINDS.has(e.kind) && e.participantId ? [e.participantId] : [])),
    );
    for (const participantId of changed) this.events.emit(ACCESS_CHANGED, { participantId } satisfies AccessChanged);
  }
}

interface WaitingRecord {
  rows: AuditRow[];
  entries: AuditEntry[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

function rowOf(entry: AuditEntry, at: Date): AuditRow {
  return {
    participant_id: entry.participantId,
    actor: entry.actor,
    action: entry.action,
    kind: entry.kind,
    labels: entry.labels ?? [],
    item_id: entry.itemId ?? null,
    reason: entry.reason ?? null,
    at: (entry.at ?? at).toISOString(),
  };
}

/** Whether `withChange` already wrote this participant with every one of these labels. */
function coveredBy(scope: AuditScope, participantId: string, labels: Iterable<SensitivityLabel>): boolean {
  const written = scope.writtenWithChange?.get(participantId);
  if (!written) return false;
  for (const label of labels) if (!written.has(label)) return false;
  return true;
}

function hasWellFormedIds(entry: AuditEntry): boolean {
  return [entry.participantId, entry.actor, entry.itemId].every((id) => id === null || id === undefined || isUuid(id));
}
