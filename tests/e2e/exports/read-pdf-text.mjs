// Prints a PDF's text as JSON (one string per page), read by pdf.js: the same engine
// browsers use, in-process, no system dependency. Run as a child process because pdf.js
// ships only ES modules and needs Node >= 22.
import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const data = new Uint8Array(readFileSync(process.argv[2]));
const pdf = await getDocument({ data, useSystemFonts: false, verbosity: 0 }).promise;
const pages = [];
for (let number = 1; number <= pdf.numPages; number++) {
  const content = await (await pdf.getPage(number)).getTextContent();
  let text = '';
  for (const item of content.items) {
    if ('str' in item) text += item.str + (item.hasEOL ? '\n' : '');
  }
  pages.push(text);
}
process.stdout.write(JSON.stringify(pages));
