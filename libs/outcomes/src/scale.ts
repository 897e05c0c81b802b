import { BetterDirection, ScaleType, Trend } from '@roundtable/contracts';
import { badUserInput } from '@roundtable/platform';
import type { MetricEntity } from './outcomes.entities';

/** The bounds a scale implies, where it fixes them. */
export function scaleBounds(
  scale: ScaleType,
  orderedLabels: string[],
): { minimum: number | null; maximum: number | null } | null {
  switch (scale) {
    case ScaleType.YES_NO:
      return { minimum: 0, maximum: 1 };
    case ScaleType.GOAL_ATTAINMENT:
      return { minimum: -2, maximum: 2 };
    case ScaleType.ORDERED_LABELS:
      return { minimum: 0, maximum: orderedLabels.length - 1 };
    default:
      return null;
  }
}

/** BAD_USER_INPUT naming `input.value` unless the value fits the metric's scale. */
export function validateValue(
  metric: Pick<MetricEntity, 'scale' | 'minimum' | 'maximum' | 'orderedLabels' | 'unit'>,
  value: number,
): void {
  const fail = (why: string) => {
    throw badUserInput('input.value', `input.value: ${why}`);
  };
  const integral = [ScaleType.YES_NO, ScaleType.COUNT, ScaleType.ORDERED_LABELS, ScaleType.GOAL_ATTAINMENT].includes(
    metric.scale,
  );
  if (integral && !Number.isInteger(value)) fail('must be a whole number on this scale');
  if (metric.scale === ScaleType.COUNT && value < 0) fail('a count cannot be negative');
  if (metric.minimum !== null && value < metric.minimum) fail(`must be at least ${metric.minimum}`);
  if (metric.maximum !== null && value > metric.maximum) fail(`must be at most ${metric.maximum}`);
}

/** True when `next` is better than `previous` in the metric's own direction. */
export function movedBetter(better: BetterDirection, previous: number, next: number): boolean {
  return better === BetterDirection.HIGHER ? next > previous : next < previous;
}

export function trendOf(better: BetterDirection, values: number[]): Trend {
  if (values.length < 2) return Trend.NOT_ENOUGH_DATA;
  const baseline = values[0];
  const latest = values[values.length - 1];
  if (latest === baseline) return Trend.UNCHANGED;
  return movedBetter(better, baseline, latest) ? Trend.TOWARD_BETTER : Trend.AWAY_FROM_BETTER;
}
