/**
 * Atkinson Hyperlegible, designed for low-vision readers, shipped with the project as an
 * npm package (no CDN: clinics' networks). Its "latin" files cover Latin-1, so Spanish
 * accents, ¿ and ¡, and typographic quotes print as written.
 */
const FONT_FILES = {
  regular: '@fontsource/atkinson-hyperlegible/files/atkinson-hyperlegible-latin-400-normal.woff',
  bold: '@fontsource/atkinson-hyperlegible/files/atkinson-hyperlegible-latin-700-normal.woff',
  italic: '@fontsource/atkinson-hyperlegible/files/atkinson-hyperlegible-latin-400-italic.woff',
} as const;

export type FontName = keyof typeof FONT_FILES;

export const FONT_PATHS: Record<FontName, string> = {
  regular: require.resolve(FONT_FILES.regular),
  bold: require.resolve(FONT_FILES.bold),
  italic: require.resolve(FONT_FILES.italic),
};

/** Characters outside the font's coverage, spelled with ones inside it. */
const REPLACEMENTS: Record<string, string> = { '→': '->', '←': '<-', '≥': '>=', '≤': '<=', '✓': '+' };

/**
 * The font's "latin" subset: Latin-1, general punctuation and a few symbols. Anything else
 * would print as an empty box, so it is replaced by a readable stand-in. `char` is one
 * character as `for…of` yields it (an empty string has nothing to print).
 */
function printable(char: string): boolean {
  const codePoint = char.codePointAt(0) ?? 0;
  return (
    codePoint <= 0xff ||
    codePoint === 0x131 ||
    codePoint === 0x152 ||
    codePoint === 0x153 ||
    (codePoint >= 0x2000 && codePoint <= 0x206f) ||
    codePoint === 0x20ac ||
    codePoint === 0x2122 ||
    codePoint === 0x2212
  );
}

/** A letter with a mark the font lacks, as its base letter when the font has that; otherwise '?'. */
function baseLetter(char: string): string {
  const base = char.normalize('NFD')[0];
  return base !== char && printable(base) ? base : '?';
}

export function printableText(text: string): string {
  let out = '';
  for (const char of text) out += printable(char) ? char : (REPLACEMENTS[char] ?? baseLetter(char));
  return out;
}
