import PDFDocument from 'pdfkit';
import { catalogueFor, formatDate, type ExportLanguage } from '../i18n/catalogue';
import { FONT_PATHS, printableText, type FontName } from './fonts';

/** Large type for people reading without glasses, in poor light, on a folded sheet. */
export const TYPE = { title: 26, heading: 20, subheading: 16, body: 14, small: 12 } as const;
const MARGIN = 54;
const FOOTER_SPACE = 36;
const INK = '#111111';
const MUTED = '#444444';

export interface TextOptions {
  font?: FontName;
  size?: number;
  color?: string;
  indent?: number;
  gapAfter?: number;
}

/**
 * A printout: fonts shipped with the project, large type, the date printed and "page n of
 * m" on every page, and helpers that keep a block on one page. Every string passes through
 * `printableText`, so nothing prints as an empty box.
 */
export class PdfWriter {
  readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;

  constructor(
    private readonly language: ExportLanguage,
    title: string,
    private readonly printedAt: Date,
  ) {
    this.doc = new PDFDocument({
      size: 'LETTER',
      margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN + FOOTER_SPACE },
      bufferPages: true,
      lang: language,
      displayTitle: true,
      info: { Title: printableText(title), Producer: 'Roundtable', Creator: 'Roundtable', CreationDate: printedAt },
    });
    for (const [name, path] of Object.entries(FONT_PATHS)) this.doc.registerFont(name, path);
    this.doc.font('regular').fillColor(INK);
    this.done = new Promise((resolve, reject) => {
      this.doc.on('data', (chunk: Buffer) => this.chunks.push(chunk));
      this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.doc.on('error', reject);
    });
  }

  get width(): number {
    return this.doc.page.width - MARGIN * 2;
  }

  get left(): number {
    return MARGIN;
  }

  /** Space left on this page above the footer. */
  get room(): number {
    return this.doc.page.height - this.doc.page.margins.bottom - this.doc.y;
  }

  ensureRoom(height: number): void {
    if (this.room < height) this.doc.addPage();
  }

  title(text: string, subtitle?: string): void {
    this.text(text, { font: 'bold', size: TYPE.title, gapAfter: 4 });
    if (subtitle) this.text(subtitle, { size: TYPE.small, color: MUTED, gapAfter: 8 });
    this.rule();
  }

  heading(text: string): void {
    this.ensureRoom(TYPE.heading * 4);
    this.doc.moveDown(0.6);
    this.text(text, { font: 'bold', size: TYPE.heading, gapAfter: 6 });
  }

  subheading(text: string, indent = 0): void {
    this.ensureRoom(TYPE.subheading * 3);
    this.text(text, { font: 'bold', size: TYPE.subheading, indent, gapAfter: 2 });
  }

  /** A small bold heading inside a section, kept on the same page as what follows it. */
  label(text: string): void {
    this.ensureRoom(TYPE.body * 6);
    this.text(text, { font: 'bold', gapAfter: 3 });
  }

  paragraph(text: string, options: TextOptions = {}): void {
    this.text(text, { gapAfter: 6, ...options });
  }

  /** A line that belongs to the one above: who, when, status. */
  note(text: string, indent = 0): void {
    this.text(text, { size: TYPE.small, color: MUTED, indent, gapAfter: 6 });
  }

  bullet(text: string, indent = 0, detail?: string): void {
    const size = TYPE.body;
    const height = this.heightOf(text, size, this.width - indent - 18) + (detail ? TYPE.small * 1.6 : 0);
    this.ensureRoom(Math.min(height, 200));
    const y = this.doc.y;
    this.doc
      .font('bold')
      .fontSize(size)
      .fillColor(INK)
      .text('•', this.left + indent, y, { lineBreak: false });
    this.doc.y = y;
    this.text(text, { indent: indent + 18, gapAfter: detail ? 1 : 5 });
    if (detail) this.note(detail, indent + 18);
  }

  rule(): void {
    const y = this.doc.y + 2;
    this.doc
      .moveTo(this.left, y)
      .lineTo(this.left + this.width, y)
      .lineWidth(0.8)
      .strokeColor('#888888')
      .stroke();
    this.doc.y = y + 8;
  }

  heightOf(text: string, size: number, width: number, font: FontName = 'regular'): number {
    return this.doc.font(font).fontSize(size).heightOfString(printableText(text), { width });
  }

  text(text: string, options: TextOptions = {}): void {
    const indent = options.indent ?? 0;
    this.doc
      .font(options.font ?? 'regular')
      .fontSize(options.size ?? TYPE.body)
      .fillColor(options.color ?? INK)
      .text(printableText(text), this.left + indent, this.doc.y, { width: this.width - indent });
    this.doc.y += options.gapAfter ?? 0;
    this.doc.x = this.left;
  }

  /** Text in a column (x, width) starting at the current line; the line then moves below it. */
  textAt(text: string, x: number, width: number, options: TextOptions = {}): void {
    this.doc
      .font(options.font ?? 'regular')
      .fontSize(options.size ?? TYPE.body)
      .fillColor(options.color ?? INK)
      .text(printableText(text), x, this.doc.y, { width });
    this.doc.y += options.gapAfter ?? 0;
  }

  /**
   * Cards side by side (perspectives: no forced consensus, PRODUCT.md rule 3): up to
   * `perRow` per row, each row on one page, every card as tall as the tallest in its row.
   */
  cards(cards: { heading: string; body: string; footer?: string }[], perRow = 2): void {
    const gap = 10;
    const pad = 8;
    for (let start = 0; start < cards.length; start += perRow) {
      const row = cards.slice(start, start + perRow);
      const width = (this.width - gap * (perRow - 1)) / perRow;
      const inner = width - pad * 2;
      const heights = row.map(
        (card) =>
          this.heightOf(card.heading, TYPE.small, inner, 'bold') +
          this.heightOf(card.body, TYPE.body, inner) +
          (card.footer ? this.heightOf(card.footer, TYPE.small, inner) + 4 : 0) +
          pad * 2 +
          4,
      );
      const height = Math.max(...heights);
      this.ensureRoom(height + gap);
      const top = this.doc.y;
      row.forEach((card, index) => {
        const x = this.left + index * (width + gap);
        this.doc.roundedRect(x, top, width, height, 4).lineWidth(0.8).strokeColor('#777777').stroke();
        this.doc
          .font('bold')
          .fontSize(TYPE.small)
          .fillColor(MUTED)
          .text(printableText(card.heading), x + pad, top + pad, { width: inner });
        this.doc
          .font('regular')
          .fontSize(TYPE.body)
          .fillColor(INK)
          .text(printableText(card.body), x + pad, this.doc.y + 2, { width: inner });
        if (card.footer) {
          this.doc
            .font('regular')
            .fontSize(TYPE.small)
            .fillColor(MUTED)
            .text(printableText(card.footer), x + pad, this.doc.y + 4, { width: inner });
        }
      });
      this.doc.x = this.left;
      this.doc.y = top + height + gap;
    }
  }

  /** Writes "Printed <date> · Page n of m" on every page and returns the finished file. */
  async finish(): Promise<Buffer> {
    const words = catalogueFor(this.language);
    const range = this.doc.bufferedPageRange();
    const printed = words.printedOn(formatDate(this.language, this.printedAt));
    for (let index = 0; index < range.count; index++) {
      this.doc.switchToPage(range.start + index);
      const page = this.doc.page;
      const bottom = page.margins.bottom;
      page.margins.bottom = 0;
      const y = page.height - MARGIN - TYPE.small;
      this.doc
        .font('regular')
        .fontSize(TYPE.small)
        .fillColor(MUTED)
        .text(printableText(printed), this.left, y, { width: this.width / 2, lineBreak: false });
      this.doc.text(printableText(words.page(index + 1, range.count)), this.left + this.width / 2, y, {
        width: this.width / 2,
        align: 'right',
        lineBreak: false,
      });
      page.margins.bottom = bottom;
    }
    this.doc.end();
    return this.done;
  }
}
