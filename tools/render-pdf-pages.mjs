// Renders PDF pages to PNG with pdf.js and @napi-rs/canvas (both from npm; no poppler):
//   node tools/render-pdf-pages.mjs <file.pdf> <out-prefix> [scale] [first-page] [last-page]
// writes <out-prefix>-1.png, <out-prefix>-2.png, … (used for docs/screenshots). Needs Node >= 22.
import { readFileSync, writeFileSync } from 'node:fs';
import { createCanvas } from '@napi-rs/canvas';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const [file, prefix, scale = '1.3', first = '1', last] = process.argv.slice(2);
const pdf = await getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0 }).promise;
const end = Math.min(Number(last ?? pdf.numPages), pdf.numPages);
for (let number = Number(first); number <= end; number++) {
  const page = await pdf.getPage(number);
  const viewport = page.getViewport({ scale: Number(scale) });
  const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  await page.render({ canvas, canvasContext: context, viewport }).promise;
  writeFileSync(`${prefix}-${number}.png`, canvas.toBuffer('image/png'));
  console.log(`${prefix}-${number}.png`);
}
