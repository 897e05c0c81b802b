import { GoalLifecycle, MetricKind, type CheckInRhythm } from '@roundtable/contracts';
import type { DomainProgress, Series } from '@roundtable/outcomes';
import type { Step } from '@roundtable/plan';
import { catalogueFor, formatDate, formatNumber, type Catalogue, type ExportLanguage } from '../i18n/catalogue';
import { drawMetricChart } from '../pdf/metric-chart';
import { PdfWriter, TYPE } from '../pdf/pdf-writer';
import type { PlanExport } from './plan-export.loader';
import { PlanSection } from './plan-export.options';

const CHART_HEIGHT = 56;

/**
 * "My plan, printable": the participant's vision and goals in their own words first (PRODUCT.md
 * rules 1, 2), steps with who does them, safer-use strategies (rule 8), the team and how to
 * reach them, their own metrics with a small chart each and the latest clinical values beside
 * them (rule 4), and recent wins (rule 5). Only what `data` holds is printed: it was read under
 * the viewer's labels, so a hidden item leaves no heading, gap or count behind (rule 11).
 */
export async function renderPlanPdf(
  data: PlanExport,
  sections: Set<PlanSection>,
  language: ExportLanguage,
  printedAt: Date,
): Promise<Buffer> {
  const words = catalogueFor(language);
  const writer = new PdfWriter(language, words.planTitle(data.participantName), printedAt);
  writer.title(words.planTitle(data.participantName), words.printedOn(formatDate(language, printedAt)));
  writePlan(writer, data, sections, language);
  return writer.finish();
}

/** The plan's sections, written into a printout (the plan PDF, or the whole record's). */
export function writePlan(
  writer: PdfWriter,
  data: PlanExport,
  sections: Set<PlanSection>,
  language: ExportLanguage,
): void {
  const words = catalogueFor(language);
  const date = (value: Date | string) => formatDate(language, typeof value === 'string' ? new Date(value) : value);

  if (sections.has(PlanSection.VISION) && data.plan.vision?.text) {
    writer.heading(words.vision);
    writer.paragraph(`“${data.plan.vision.text}”`, { size: TYPE.subheading });
    if (data.plan.vision.writtenWith) writer.note(words.writtenWith(data.plan.vision.writtenWith.displayName));
  }

  if (sections.has(PlanSection.GOALS)) {
    writer.heading(words.goals);
    const goals = data.plan.goals.filter((goal) => !goal.declined && goal.lifecycle !== GoalLifecycle.RETIRED);
    // The participant's own goals come first, in their ranking; staff proposals after.
    const ordered = [
      ...goals.filter((g) => g.expressedBy.isParticipant),
      ...goals.filter((g) => !g.expressedBy.isParticipant),
    ];
    if (ordered.length === 0) writer.paragraph(words.nothingYet);
    for (const goal of ordered) {
      writer.subheading(goal.text);
      const whose = goal.expressedBy.isParticipant ? words.myGoal : words.goalBy(goal.expressedBy.displayName);
      const withWhom = goal.writtenWith ? ` · ${words.writtenWith(goal.writtenWith.displayName)}` : '';
      writer.note(`${whose}${withWhom} · ${words.lifecycle[goal.lifecycle]} · ${words.domain[goal.domain]}`);
      for (const step of goal.steps) writeStep(writer, words, step, date);
    }
    if (data.plan.looseSteps.length) {
      writer.subheading(words.looseSteps);
      for (const step of data.plan.looseSteps) writeStep(writer, words, step, date);
    }
  }

  if (sections.has(PlanSection.STRATEGIES) && data.plan.strategies.length) {
    writer.heading(words.strategies);
    for (const strategy of data.plan.strategies) {
      const rhythm = words.rhythm[strategy.checkInRhythm as CheckInRhythm] ?? strategy.checkInRhythm;
      // The participant's own latest answer, never their note (a pocket copy travels).
      const last =
        strategy.lastCheckInAt && strategy.lastCheckInAnswer
          ? ` · ${words.lastCheckIn(date(strategy.lastCheckInAt), words.checkInAnswer[strategy.lastCheckInAnswer])}`
          : '';
      writer.bullet(strategy.text, 0, `${words.strategyStatus[strategy.status]} · ${words.checkIn(rhythm)}${last}`);
    }
  }

  if (sections.has(PlanSection.TEAM) && data.team.length) {
    writer.heading(words.team);
    for (const member of data.team) {
      const role = member.discipline ? words.discipline[member.discipline] : words.supportPerson;
      writer.bullet(`${member.displayName}: ${role}`, 0, member.email ?? words.noContact);
    }
  }

  if (sections.has(PlanSection.METRICS) && data.progress.domains.length) {
    writer.heading(words.metrics);
    for (const domain of data.progress.domains) writeDomain(writer, words, language, domain, date);
  }

  if (sections.has(PlanSection.WINS) && data.wins.length) {
    writer.heading(words.wins);
    for (const win of data.wins) writer.bullet(win.text, 0, date(win.occurredAt));
  }
}

function writeStep(writer: PdfWriter, words: Catalogue, step: Step, date: (value: string) => string): void {
  const who = step.forParticipant || !step.assignee ? words.stepByMe : words.stepBy(step.assignee.displayName);
  const status = step.done ? words.done : words.toDo;
  const target = step.targetDate && !step.done ? ` · ${words.target(date(step.targetDate))}` : '';
  writer.bullet(`${step.done ? '[x]' : '[  ]'} ${step.text}`, 16, `${who} · ${status}${target}`);
}

/** A measure's value as the participant named it: their own label for a step of a scale, or the number with its unit. */
function valueText(language: ExportLanguage, metric: Series['metric'], value: number): string {
  const { orderedLabels, unit } = metric;
  const text = orderedLabels.length ? (orderedLabels[value] ?? String(value)) : formatNumber(language, value);
  return unit ? `${text} ${unit}` : text;
}

/** One life domain: the participant's own measures with a chart each, clinical values beside them. */
function writeDomain(
  writer: PdfWriter,
  words: Catalogue,
  language: ExportLanguage,
  domain: DomainProgress,
  date: (value: Date | string) => string,
): void {
  writer.subheading(words.domain[domain.domain]);
  const latestText = ({ metric, latest }: Series) =>
    latest ? words.latest(valueText(language, metric, latest.value), date(latest.at)) : null;
  const own = domain.participantDefined;
  const clinical = domain.clinical.filter((series) => series.metric.kind === MetricKind.CLINICAL);
  const leftWidth = clinical.length && own.length ? writer.width * 0.58 : writer.width;
  const rightX = writer.left + leftWidth + 16;
  const rightWidth = writer.width - leftWidth - 16;
  const rowHeight = (series: Series) =>
    writer.heightOf(series.metric.name, TYPE.body, leftWidth, 'bold') +
    TYPE.small * 1.5 +
    (series.values.length ? CHART_HEIGHT + 10 : 0) +
    6;
  const clinicalLine = (series: Series) => {
    return `${series.metric.name}: ${latestText(series) ?? words.noValues}`;
  };
  const leftHeight = own.reduce((sum, series) => sum + rowHeight(series), 0);
  const rightHeight =
    clinical.length && own.length
      ? TYPE.small * 2 +
        clinical.reduce((sum, series) => sum + writer.heightOf(clinicalLine(series), TYPE.small, rightWidth) + 6, 0)
      : 0;
  const sideBySide = own.length > 0 && clinical.length > 0 && Math.max(leftHeight, rightHeight) < 500;
  if (sideBySide) writer.ensureRoom(Math.max(leftHeight, rightHeight));
  const top = writer.doc.y;

  for (const series of own) {
    if (!sideBySide) writer.ensureRoom(rowHeight(series));
    const y = writer.doc.y;
    writer.doc.y = y;
    writer.textAt(series.metric.name, writer.left, leftWidth, { font: 'bold' });
    const better = series.metric.better === 'HIGHER' ? words.betterHigher : words.betterLower;
    writer.textAt(`${latestText(series) ?? words.noValues} · ${better}`, writer.left, leftWidth, {
      size: TYPE.small,
      color: '#444444',
    });
    if (series.values.length) {
      drawMetricChart(
        writer,
        writer.left,
        writer.doc.y + 4,
        Math.min(leftWidth, 320),
        CHART_HEIGHT,
        series.metric.orderedLabels.length
          ? { ...series, minimum: 0, maximum: series.metric.orderedLabels.length - 1, better: series.metric.better }
          : { ...series, minimum: series.metric.minimum, maximum: series.metric.maximum, better: series.metric.better },
      );
      writer.doc.y += CHART_HEIGHT + 10;
    }
    writer.doc.y += 6;
    writer.doc.x = writer.left;
  }
  const bottomOfOwn = writer.doc.y;

  if (clinical.length) {
    const x = sideBySide ? rightX : writer.left;
    const width = sideBySide ? rightWidth : writer.width;
    if (sideBySide) writer.doc.y = top;
    else writer.ensureRoom(TYPE.small * 4);
    writer.textAt(words.latestClinical, x, width, { font: 'bold', size: TYPE.small, color: '#444444', gapAfter: 4 });
    for (const series of clinical) {
      if (!sideBySide) writer.ensureRoom(TYPE.small * 3);
      writer.textAt(clinicalLine(series), x, width, { size: TYPE.small, gapAfter: 6 });
    }
    if (sideBySide) writer.doc.y = Math.max(bottomOfOwn, writer.doc.y);
  }
  writer.doc.x = writer.left;
  writer.doc.y += 4;
}
