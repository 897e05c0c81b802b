import { catalogueFor, formatDate, formatDateTime, type ExportLanguage } from '../i18n/catalogue';
import { writeMinutes } from '../minutes/minutes-pdf';
import { PdfWriter } from '../pdf/pdf-writer';
import type { PlanExport } from '../plan/plan-export.loader';
import { PlanSection } from '../plan/plan-export.options';
import { writePlan } from '../plan/plan-pdf';
import type { ParticipantRecord } from './participant-record';

/** The whole record as a printout: the plan, every conference, setbacks, offers, consent and the access log. */
export async function renderRecordPdf(
  record: ParticipantRecord,
  plan: PlanExport,
  language: ExportLanguage,
  printedAt: Date,
): Promise<Buffer> {
  const words = catalogueFor(language);
  const name = record.participant.preferredName;
  const writer = new PdfWriter(language, words.recordTitle(name), printedAt);
  const when = (date: Date) => formatDateTime(language, date);
  writer.title(words.recordTitle(name), words.printedOn(formatDate(language, printedAt)));
  writePlan(writer, plan, new Set(Object.values(PlanSection)), language);

  if (record.plan.offers.length) {
    writer.heading(words.offers);
    for (const offer of record.plan.offers) {
      writer.bullet(
        offer.text,
        0,
        `${words.byAt(offer.offeredBy.displayName, when(offer.createdAt))} · ${offer.status}`,
      );
    }
  }
  if (record.setbacks.length) {
    writer.heading(words.setbacks);
    for (const setback of record.setbacks) {
      writer.bullet(setback.reflection ?? '—', 0, words.byAt(setback.recordedBy.displayName, when(setback.occurredAt)));
    }
  }
  if (record.conferences.length) {
    writer.heading(words.conferences);
    for (const conference of record.conferences) {
      writer.subheading(
        `${conference.title} · ${formatDateTime(language, conference.scheduledFor, conference.timeZone)}`,
      );
      writeMinutes(writer, conference, name, language, false);
    }
  }
  writer.heading(words.consent);
  if (record.consent.grants.length === 0) writer.paragraph(words.nothingYet);
  for (const grant of record.consent.grants) {
    const to = grant.grantee?.displayName ?? (grant.discipline ? words.discipline[grant.discipline] : '');
    const period = `${formatDate(language, grant.startsAt)} – ${grant.endsAt ? formatDate(language, grant.endsAt) : (grant.endEvent ?? '')}`;
    writer.bullet(
      `${words.label[grant.label]}: ${to}`,
      0,
      `${period}${grant.revokedAt ? ` · ${words.stopped(formatDate(language, grant.revokedAt))}` : ''}`,
    );
  }
  writer.heading(words.accessLog);
  for (const entry of record.accessLog) {
    writer.bullet(
      `${entry.actor?.displayName ?? '—'}: ${entry.action} (${entry.kind.toLowerCase()})`,
      0,
      `${when(entry.at)}${entry.labels.length ? ` · ${entry.labels.map((label) => words.label[label]).join(', ')}` : ''}${entry.reason ? ` · ${entry.reason}` : ''}`,
    );
  }
  return writer.finish();
}
