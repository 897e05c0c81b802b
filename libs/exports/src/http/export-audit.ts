import { Injectable } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { AuditTrail, type AuditEntry, type AuditScope } from '@roundtable/access';
import { ErrorCode, type SensitivityLabel } from '@roundtable/contracts';
import type { Actor } from '@roundtable/identity';
import { isUuid } from '@roundtable/platform';

/** What an export handed out: whose record, and under which labels. */
export interface ExportedRecord<T> {
  result: T;
  participantId: string;
  labels: Iterable<SensitivityLabel>;
}

const DENIALS = new Set<string>([ErrorCode.NOT_FOUND, ErrorCode.FORBIDDEN]);

/**
 * Every export is a read of sensitive data, so it lands in the audit trail and in the
 * participant's "who looked at my plan" (PRODUCT.md rule 12), with the labels it carried.
 * A refused attempt is kept too, like a refused GraphQL operation: against the participant
 * when the policy reached one, otherwise against nobody with the id that was asked for.
 */
@Injectable()
export class ExportAudit {
  constructor(private readonly audit: AuditTrail) {}

  async run<T>(actor: Actor, action: string, askedFor: string, work: () => Promise<ExportedRecord<T>>): Promise<T> {
    const scope: AuditScope = { touched: new Map() };
    try {
      const exported = await this.audit.runInScope(scope, work);
      await this.audit.record({
        participantId: exported.participantId,
        actor: actor.accountId,
        action,
        kind: 'READ',
        labels: [...new Set(exported.labels)],
      });
      return exported.result;
    } catch (error) {
      const code = error instanceof GraphQLError ? String(error.extensions?.code ?? '') : '';
      if (DENIALS.has(code)) {
        const entries: AuditEntry[] = [...scope.touched.keys()].map((participantId) => ({
          participantId,
          actor: actor.accountId,
          action,
          kind: 'DENIED',
        }));
        if (entries.length === 0) {
          entries.push({
            participantId: null,
            actor: actor.accountId,
            action,
            kind: 'DENIED',
            itemId: isUuid(askedFor) ? askedFor : null,
          });
        }
        await this.audit.record(...entries);
      }
      throw error;
    }
  }
}
