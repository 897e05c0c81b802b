import { codeGroups, formatCode, spokenCode } from './one-time-code';

describe('one-time codes on screen', () => {
  it('shows XXXX-XXXX-XXXX in capitals however the code arrived', () => {
    expect(formatCode('ABCD-EFGH-JK2M')).toBe('ABCD-EFGH-JK2M');
    expect(formatCode('abcdefghjk2m')).toBe('ABCD-EFGH-JK2M');
    expect(formatCode(' abcd efgh-jk2m ')).toBe('ABCD-EFGH-JK2M');
    expect(codeGroups('ABCD-EFGH-JK2M')).toEqual(['ABCD', 'EFGH', 'JK2M']);
  });

  it('spells it out for a screen reader, one character at a time', () => {
    expect(spokenCode('AB2D-EFGH-JKLM')).toBe('A B 2 D, E F G H, J K L M');
  });

  it('shows nothing for an empty code', () => {
    expect(formatCode('')).toBe('');
    expect(codeGroups('--')).toEqual([]);
  });
});
