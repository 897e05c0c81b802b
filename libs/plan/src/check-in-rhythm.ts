import { CHECK_IN_INTERVAL_DAYS, CheckInRhythm, StrategyStatus } from '@roundtable/contracts';
import type { StrategyEntity } from './plan.entities';

const DAY_MS = 24 * 60 * 60 * 1000;

type RhythmFacts = Pick<StrategyEntity, 'checkInRhythm' | 'status' | 'lastCheckInAt' | 'rhythmSetAt'>;

/**
 * From when a check-in on this strategy is welcome again: one rhythm interval after the
 * last check-in, or after the participant set the rhythm when there is none yet. Null when
 * there is no rhythm, or the participant said the strategy is not for them (asking "how is
 * it working?" about something they set aside would nag). Never a deadline (rule 6): a
 * strategy past this time is "when you're ready", never "overdue".
 */
export function checkInWelcomeFrom(strategy: RhythmFacts): Date | null {
  if (strategy.checkInRhythm === CheckInRhythm.NONE || strategy.status === StrategyStatus.NOT_FOR_ME) return null;
  const since = strategy.lastCheckInAt ?? strategy.rhythmSetAt;
  return new Date(since.getTime() + CHECK_IN_INTERVAL_DAYS[strategy.checkInRhythm] * DAY_MS);
}

/** Whether the participant's rhythm has come round (by the injected clock's `now`). */
export function isCheckInDue(strategy: RhythmFacts, now: Date): boolean {
  const from = checkInWelcomeFrom(strategy);
  return from !== null && from.getTime() <= now.getTime();
}
