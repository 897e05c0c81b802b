import type { PdfWriter } from './pdf-writer';
import { dateOf, type IsoDateTime } from '@roundtable/platform';
import { printableText } from './fonts';

export interface ChartSeries {
  times: readonly IsoDateTime[];
  values: number[];
  /** The scale's own bounds when it has them, so a chart never exaggerates a small move. */
  minimum: number | null;
  maximum: number | null;
  /** Which way is better: the last point is drawn in the "better" colour only if it moved that way. */
  better: 'HIGHER' | 'LOWER' | string;
}

/**
 * A small line chart drawn with vector paths (no image, prints sharp at any size): the
 * participant's series over time, the scale's bounds written at the side, the latest point
 * marked. Drawn at the writer's current position; the caller reserves the space.
 */
export function drawMetricChart(
  writer: PdfWriter,
  x: number,
  y: number,
  width: number,
  height: number,
  series: ChartSeries,
): void {
  const doc = writer.doc;
  // Writing the axis labels moves the text cursor; the caller's flow continues where it was.
  const flow = { x: doc.x, y: doc.y };
  const values = series.values;
  const low = Math.min(series.minimum ?? Math.min(...values), ...values);
  const high = Math.max(series.maximum ?? Math.max(...values), ...values);
  const span = high - low || 1;
  const labelWidth = 34;
  const plotX = x + labelWidth;
  const plotWidth = width - labelWidth;
  doc.save();
  doc.rect(plotX, y, plotWidth, height).lineWidth(0.6).strokeColor('#999999').stroke();
  doc
    .font('regular')
    .fontSize(10)
    .fillColor('#444444')
    .text(printableText(String(+high.toFixed(2))), x, y - 2, {
      width: labelWidth - 4,
      align: 'right',
      lineBreak: false,
    })
    .text(printableText(String(+low.toFixed(2))), x, y + height - 10, {
      width: labelWidth - 4,
      align: 'right',
      lineBreak: false,
    });
  if (values.length > 0) {
    const times = series.times.map((instant) => dateOf(instant).getTime());
    const start = times[0];
    const end = times[times.length - 1];
    const xOf = (index: number) =>
      end > start ? plotX + 4 + ((times[index] - start) / (end - start)) * (plotWidth - 8) : plotX + plotWidth / 2;
    const yOf = (value: number) => y + height - 4 - ((value - low) / span) * (height - 8);
    if (values.length > 1) {
      doc.moveTo(xOf(0), yOf(values[0]));
      for (let index = 1; index < values.length; index++) doc.lineTo(xOf(index), yOf(values[index]));
      doc.lineWidth(1.6).strokeColor('#1f4e79').stroke();
    }
    const last = values.length - 1;
    doc.circle(xOf(last), yOf(values[last]), 3).fillColor('#1f4e79').fill();
  }
  doc.restore();
  doc.x = flow.x;
  doc.y = flow.y;
}
