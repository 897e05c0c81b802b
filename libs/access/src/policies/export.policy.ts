import { AccountKind, type SensitivityLabel } from '@roundtable/contracts';
import type { Actor } from '@roundtable/identity';
import { notFound } from '@roundtable/platform';
import type { RuleTable } from './rule-table';

/** Who is exporting, as the plan's visibility found them (NOT_FOUND before this for anything hidden). */
export interface ExportViewerFacts {
  isParticipant: boolean;
  /** The labels they may see now. */
  labels: ReadonlySet<SensitivityLabel>;
}

/**
 * Exports (docs/product-rules.md rules 10, 11, 12): the same access as GraphQL, answered 404
 * alike for unknown and hidden, and every export and refusal audited (ExportAudit). The
 * export controllers load the viewer through the readers GraphQL uses (the compartment has
 * answered by then: NOT_FOUND for whoever may not read the participant), then ask these what
 * the export may carry. Plain facts in: libs/access does not import libs/plan or libs/exports.
 */
export class ExportPolicy {
  /**
   * Rules 10 and 12: the printable plan carries what the viewer may see, narrowed by what the
   * export asks for, never more.
   */
  static planPdf(viewer: ExportViewerFacts, asked: ReadonlySet<SensitivityLabel>): SensitivityLabel[] {
    return [...viewer.labels].filter((label) => asked.has(label));
  }

  /**
   * Rules 11 and 12: the whole record is the participant's own, and only theirs: anyone else,
   * emergency access included, gets exactly the answer for an unknown id.
   */
  static ownRecord(actor: Pick<Actor, 'kind' | 'participantId'>, participantId: string): void {
    if (actor.kind !== AccountKind.PARTICIPANT || actor.participantId !== participantId) throw notFound();
  }

  /**
   * Rules 10 and 12: the participant takes everything they may see; their care team only the
   * labels they may see that the participant allowed to leave Roundtable (`shareable`, for
   * this recipient: ExternalSharingService.shareableLabels; none when not asked).
   */
  static fhirEverything(
    viewer: ExportViewerFacts,
    shareable: ReadonlySet<SensitivityLabel> | null,
  ): SensitivityLabel[] {
    return [...viewer.labels].filter((label) => viewer.isParticipant || (shareable?.has(label) ?? false));
  }

  /** Rules 2, 10 and 12: the minutes, as the reader may see the conference (ConferenceAccess.reader has answered). */
  static minutesPdf(viewer: Pick<ExportViewerFacts, 'labels'>): SensitivityLabel[] {
    return [...viewer.labels];
  }
}

/** What each export may carry (authorize dispatches on these): the labels, or NOT_FOUND. */
export const EXPORT_RULES = {
  'export.planPdf': ExportPolicy.planPdf,
  'export.ownRecord': ExportPolicy.ownRecord,
  'export.fhirEverything': ExportPolicy.fhirEverything,
  'export.minutesPdf': ExportPolicy.minutesPdf,
} as const satisfies RuleTable;
