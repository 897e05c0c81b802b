import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The text of each page of a PDF, as pdf.js reads it. */
export async function pdfPages(pdf: Buffer): Promise<string[]> {
  const folder = await mkdtemp(join(tmpdir(), 'roundtable-pdf-'));
  try {
    const file = join(folder, 'export.pdf');
    await writeFile(file, pdf);
    const { stdout } = await run(process.execPath, [join(__dirname, 'read-pdf-text.mjs'), file], {
      maxBuffer: 64 * 1024 * 1024,
    });
    return JSON.parse(stdout) as string[];
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** All pages' text in one string, whitespace collapsed (pdf.js splits runs of text arbitrarily). */
export async function pdfText(pdf: Buffer): Promise<string> {
  return (await pdfPages(pdf)).join('\n').replace(/\s+/g, ' ');
}
