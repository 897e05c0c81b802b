import { useEffect } from 'react';

/**
 * Something in the open plan changed (a plan event arrived, ParticipantArea), or one of the
 * viewer's own changes may have made a win: screens that read more than the plan itself
 * (wins, progress, team, meetings) fetch again. One name per signal, one way to listen.
 */
export const PLAN_CHANGED = 'roundtable:plan-changed';
export const WINS_MAY_CHANGE = 'roundtable:wins-may-change';

export function announce(signal: typeof PLAN_CHANGED | typeof WINS_MAY_CHANGE): void {
  window.dispatchEvent(new CustomEvent(signal));
}

/** Calls `reload` on each of `signals` while the screen is shown. */
export function useReloadOn(reload: () => void, signals: readonly string[] = [PLAN_CHANGED]): void {
  const key = signals.join(' ');
  useEffect(() => {
    const names = key.split(' ');
    for (const name of names) window.addEventListener(name, reload);
    return () => {
      for (const name of names) window.removeEventListener(name, reload);
    };
  }, [reload, key]);
}
