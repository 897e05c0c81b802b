/**
 * A one-time code as people read and type it: XXXX-XXXX-XXXX in capitals, whatever spacing
 * it came with (the API accepts it with or without dashes, in any case).
 */
export function codeGroups(code: string): string[] {
  const characters = code.toUpperCase().replace(/[^0-9A-Z]/g, '');
  return characters.match(/.{1,4}/g) ?? [];
}

export function formatCode(code: string): string {
  return codeGroups(code).join('-');
}

/** "A B C D, E F G H, …": a screen reader says each character, not a made-up word. */
export function spokenCode(code: string): string {
  return codeGroups(code)
    .map((group) => group.split('').join(' '))
    .join(', ');
}
