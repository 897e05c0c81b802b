import { AgendaItemKind, DecisionStatus } from '@roundtable/contracts';
import type { Conference } from '@roundtable/conference';
import { catalogueFor, formatDateTime, type ExportLanguage } from '../i18n/catalogue';
import { PdfWriter } from '../pdf/pdf-writer';

/**
 * Locked minutes: the agenda in order with the participant's update first (PRODUCT.md rule
 * 2), notes, perspectives side by side on their own cards (rule 3), decisions and whether
 * the participant agreed (rule 3), action items, amendments after close, each with author
 * and time. `conference` was read for this viewer: positions count visible items only and
 * nothing hidden leaves a gap (rule 11).
 */
export async function renderMinutesPdf(
  conference: Conference,
  participantName: string,
  language: ExportLanguage,
  printedAt: Date,
): Promise<Buffer> {
  const words = catalogueFor(language);
  const writer = new PdfWriter(language, `${words.minutesTitle}: ${participantName}`, printedAt);
  const when = formatDateTime(language, conference.scheduledFor, conference.timeZone);
  writer.title(`${conference.title}`, `${words.minutesTitle} · ${participantName} · ${when}`);
  writeMinutes(writer, conference, participantName, language);
  return writer.finish();
}

/** One conference's minutes, written into a printout (the minutes PDF, or the whole record's). */
export function writeMinutes(
  writer: PdfWriter,
  conference: Conference,
  participantName: string,
  language: ExportLanguage,
  agendaHeading = true,
): void {
  const words = catalogueFor(language);
  const when = (date: Date) => formatDateTime(language, date, conference.timeZone);
  writer.note(
    `${words.facilitator(conference.facilitator.displayName)} · ${conference.minutesLocked ? words.minutesClosed : words.minutesOpen}`,
  );
  const attendees = conference.attendees.map((person) => person.displayName);
  if (conference.participantAttends) attendees.unshift(participantName);
  if (attendees.length) writer.note(`${words.attendees}: ${attendees.join(', ')}`);

  if (agendaHeading) writer.heading(words.agenda);
  for (const item of conference.agenda) {
    const title = item.kind === AgendaItemKind.PARTICIPANT_UPDATE ? words.participantUpdate : item.title;
    writer.subheading(`${item.position}. ${title}`);
    if (item.body) writer.paragraph(item.kind === AgendaItemKind.PARTICIPANT_UPDATE ? `“${item.body}”` : item.body);
    writer.note(item.addedBy.displayName);

    if (item.notes.length) {
      writer.label(words.notes);
      for (const note of item.notes)
        writer.bullet(note.text, 0, words.byAt(note.author.displayName, when(note.createdAt)));
    }
    if (item.perspectives.length) {
      writer.label(words.perspectives);
      writer.cards(
        item.perspectives.map((card) => ({
          heading: card.discipline
            ? `${card.author.displayName} · ${words.discipline[card.discipline]}`
            : card.author.displayName,
          body: card.text,
          footer: when(card.updatedAt),
        })),
      );
    }
    if (item.decisions.length) {
      writer.label(words.decisions);
      for (const decision of item.decisions) {
        const answer =
          decision.status === DecisionStatus.AGREED
            ? words.agreed
            : decision.status === DecisionStatus.DECLINED
              ? words.declined
              : words.awaiting;
        const answered =
          decision.answeredAt && decision.answeredBy
            ? ` (${words.byAt(decision.answeredBy.displayName, when(decision.answeredAt))})`
            : '';
        writer.bullet(
          decision.summary,
          0,
          `${words.byAt(decision.proposedBy.displayName, when(decision.proposedAt))} · ${answer}${answered}${decision.answerNote ? `: “${decision.answerNote}”` : ''}`,
        );
      }
    }
    if (item.actionItems.length) {
      writer.label(words.actionItems);
      for (const action of item.actionItems) {
        const who = action.forParticipant || !action.assignee ? participantName : action.assignee.displayName;
        writer.bullet(action.text, 0, who);
      }
    }
  }

  if (conference.amendments.length) {
    writer.heading(words.amendments);
    for (const amendment of conference.amendments) {
      writer.bullet(
        amendment.text,
        0,
        `${words.byAt(amendment.author.displayName, when(amendment.createdAt))} · ${amendment.reason}`,
      );
    }
  }
  if (conference.responses.length) {
    writer.heading(words.responses);
    for (const response of conference.responses) {
      writer.bullet(
        response.text,
        0,
        `${words.byAt(response.author.displayName, when(response.createdAt))}${response.answer ? ` · ${response.answer}` : ''}`,
      );
    }
  }
}
