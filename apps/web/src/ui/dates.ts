import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { capitalise, dayParts, meetingTime, timeAgo } from './format';

/**
 * Dates the way people say them ("Thursday 3 December, 10:00", "3 December 2026"), with the
 * word order in each language's catalogue rather than a locale's numeric short form.
 */
export function useDates() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const meeting = useCallback(
    (iso: string, timeZone: string) => {
      const parts = meetingTime(iso, timeZone, language);
      return capitalise(t(parts.thisYear ? 'dates.meeting' : 'dates.meetingYear', { ...parts }));
    },
    [t, language],
  );
  const day = useCallback(
    (iso: string, timeZone?: string) => t('dates.day', { ...dayParts(iso, language, timeZone) }),
    [t, language],
  );
  const ago = useCallback((iso: string) => timeAgo(iso, language), [language]);
  return { meeting, day, ago };
}
