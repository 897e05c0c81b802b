import { findTextProblem, textProblem } from './text-input';

describe('text input check', () => {
  it('accepts ordinary text, emoji (surrogate pairs) and the empty string', () => {
    for (const text of ['Walk the dog', '  padded  ', 'Café ☕', 'Family 👨‍👩‍👧', '', 'line\nbreak'])
      expect(textProblem(text)).toBeNull();
  });

  it('refuses NUL, lone surrogates and whitespace-only text', () => {
    expect(textProblem('a\u0000b')).toMatch(/NUL/);
    expect(textProblem('\uD800')).toMatch(/surrogate/);
    expect(textProblem('x\uDC00y')).toMatch(/surrogate/);
    expect(textProblem('\uDBFFx')).toMatch(/surrogate/);
    for (const blank of [' ', '\t\n ', '\u00a0\u2003', '\u3000']) expect(textProblem(blank)).toMatch(/whitespace/);
  });

  it('names the first bad field at any depth, arrays included', () => {
    expect(findTextProblem({ text: 'ok', newGoal: { text: '   ' } }, 'input')).toEqual({
      field: 'input.newGoal.text',
      message: 'must not be only whitespace',
    });
    expect(findTextProblem({ ids: ['a', 'b\u0000'] }, 'input')?.field).toBe('input.ids.1');
    expect(findTextProblem('\uD83D', 'password')?.field).toBe('password');
    expect(findTextProblem({ n: 3, b: true, d: new Date(0), x: null }, 'input')).toBeNull();
  });
});
