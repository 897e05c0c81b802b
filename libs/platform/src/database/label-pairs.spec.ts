import { labelPairs } from './label-pairs';

describe('labelPairs', () => {
  it('pairs each key with each of its own labels, in order; a key with no label has no pair', () => {
    expect(
      labelPairs([
        { id: 'a', labels: new Set(['GENERAL', 'HEALTH']) },
        { id: 'b', labels: [] },
        { id: 'c', labels: ['GENERAL'] },
      ]),
    ).toEqual({ ids: ['a', 'a', 'c'], labels: ['GENERAL', 'HEALTH', 'GENERAL'] });
    expect(labelPairs([])).toEqual({ ids: [], labels: [] });
  });
});
