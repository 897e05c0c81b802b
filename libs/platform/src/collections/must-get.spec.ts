import { mustGet } from './must-get';

describe('mustGet', () => {
  it('answers the value held for the key, even a falsy one', () => {
    const map = new Map<string, number>([
      ['a', 1],
      ['zero', 0],
    ]);
    expect(mustGet(map, 'a')).toBe(1);
    expect(mustGet(map, 'zero')).toBe(0);
  });

  it('throws a plain Error naming the missing key (a server fault, not undefined flowing on)', () => {
    expect(() => mustGet(new Map<string, number>(), 'p-1')).toThrow(
      new Error('No entry for p-1 in a map built for every key'),
    );
  });
});
