import { groupBy } from './group-by';

describe('groupBy', () => {
  it('keeps each group in the order the items came, and the keys in first-seen order', () => {
    const groups = groupBy(['b1', 'a1', 'b2', 'c1', 'a2'], (item) => item[0]);
    expect([...groups.keys()]).toEqual(['b', 'a', 'c']);
    expect(Object.fromEntries(groups)).toEqual({ b: ['b1', 'b2'], a: ['a1', 'a2'], c: ['c1'] });
  });

  it('groups under null and undefined keys like any other', () => {
    const groups = groupBy([1, 2, 3, 4], (n) => (n % 2 ? null : undefined));
    expect(groups.get(null)).toEqual([1, 3]);
    expect(groups.get(undefined)).toEqual([2, 4]);
  });
});
