import { atLeast, atMost } from '../bench/report';

// The bench's targets are judged on the figures, not on the ratios rounded for the table
// (issue 18): 456.7 req/s against Apollo's 920.8 is 0.496×, shown as 0.50×, and misses ≥ 0.5×.
describe('the bench: targets against a baseline', () => {
  it('≥ half of the baseline, unrounded', () => {
    expect(atLeast(456.7, 0.5, 920.8)).toBe(false);
    expect(atLeast(460.4, 0.5, 920.8)).toBe(true);
  });

  it('≤ one and a half times the baseline, unrounded', () => {
    expect(atMost(150.1, 1.5, 100)).toBe(false);
    expect(atMost(150, 1.5, 100)).toBe(true);
  });

  it('no verdict when a figure is missing (a skipped phase)', () => {
    expect(atLeast(undefined, 0.5, 920.8)).toBeNull();
    expect(atMost(150, 1.5, undefined)).toBeNull();
    expect(atLeast(100, 0.5, 0)).toBeNull();
  });
});
