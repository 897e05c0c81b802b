import { coercionField } from './format-error';

describe('the field a variable-coercion error is about', () => {
  it.each([
    [
      'Variable "$input" got invalid value "MAYBE" at "input.answer"; Value "MAYBE" does not exist in "A" enum.',
      'input.answer',
    ],
    [
      'Variable "$input" got invalid value "s" at "input.n.deep"; Int cannot represent non-integer value: "s"',
      'input.n.deep',
    ],
    ['Variable "$input" got invalid value "x" at "input.ids[1]"; ID cannot represent value: true', 'input.ids.1'],
    ['Variable "$input" got invalid value {}; Field "answer" of required type "A!" was not provided.', 'input.answer'],
    ['Variable "$input" got invalid value { a: 1 }; Field "extra" is not defined by type "I".', 'input.extra'],
    ['Variable "$n" got invalid value "x"; Int cannot represent non-integer value: "x"', 'n'],
    // A value quoting the same words never moves the field: strings are JSON-escaped in the message.
    ['Variable "$input" got invalid value "a at \\"b\\"; " at "input.note"; String cannot represent', 'input.note'],
  ])('%s → %s', (message, field) => {
    expect(coercionField(message)).toBe(field);
  });

  it('leaves other messages alone', () => {
    expect(coercionField('Variable "$input" of required type "I!" was not provided.')).toBeUndefined();
    expect(coercionField('input.text: at most 20 characters')).toBeUndefined();
  });
});
