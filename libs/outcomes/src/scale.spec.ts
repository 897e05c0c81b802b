import { BetterDirection, ScaleType, Trend } from '@roundtable/contracts';
import { movedBetter, trendOf, validateValue } from './scale';

const metric = (scale: ScaleType, minimum: number | null, maximum: number | null) => ({
  scale,
  minimum,
  maximum,
  orderedLabels: [],
  unit: null,
});

describe('scales and trends', () => {
  it.each([
    [metric(ScaleType.GOAL_ATTAINMENT, -2, 2), 3, /at most 2/],
    [metric(ScaleType.GOAL_ATTAINMENT, -2, 2), 0.5, /whole number/],
    [metric(ScaleType.YES_NO, 0, 1), 2, /at most 1/],
    [metric(ScaleType.COUNT, 0, null), -1, /cannot be negative|at least 0/],
    [metric(ScaleType.NUMBER, 0, 10), 11, /at most 10/],
  ])('refuses values off the scale', (m, value, message) => {
    expect(() => validateValue(m, value)).toThrow(message);
  });

  it('accepts values on the scale', () => {
    expect(() => validateValue(metric(ScaleType.GOAL_ATTAINMENT, -2, 2), -2)).not.toThrow();
    expect(() => validateValue(metric(ScaleType.NUMBER, 0, 10), 7.5)).not.toThrow();
  });

  it('reads trends in the metric’s own better direction', () => {
    expect(trendOf(BetterDirection.LOWER, [18, 14, 9])).toBe(Trend.TOWARD_BETTER);
    expect(trendOf(BetterDirection.LOWER, [9, 14])).toBe(Trend.AWAY_FROM_BETTER);
    expect(trendOf(BetterDirection.HIGHER, [3, 7])).toBe(Trend.TOWARD_BETTER);
    expect(trendOf(BetterDirection.HIGHER, [5, 5])).toBe(Trend.UNCHANGED);
    expect(trendOf(BetterDirection.HIGHER, [5])).toBe(Trend.NOT_ENOUGH_DATA);
    expect(movedBetter(BetterDirection.LOWER, 400, 50)).toBe(true);
  });
});
