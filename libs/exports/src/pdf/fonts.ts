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
 * would print as an empty box, so it is replaced by a readable stand-in.
 */
function printable(codePoint: number): boolean {
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

export function printableText(text: string): string {
  let out = '';
  for (const char of text) {
    const codePoint = char.codePointAt(0)!;
    out += printable(codePoint)
      ? char
      : (REPLACEMENTS[char] ??
        (char.normalize('NFD')[0] !== char && printable(char.normalize('NFD').codePointAt(0)!)
          ? char.normalize('NFD')[0]
          : '?'));
  }
  return out;
}
