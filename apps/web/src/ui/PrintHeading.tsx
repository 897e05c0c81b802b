import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDates } from './dates';

/**
 * Only on paper (styles.css, @media print): whose plan or minutes this is and the day it was
 * printed, so a printout lying on a desk says both. The date is taken again just before
 * printing, so a page left open overnight prints the day it is printed.
 */
export function PrintHeading({ name }: { name: string }) {
  const { t } = useTranslation();
  const dates = useDates();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const update = () => setNow(new Date());
    window.addEventListener('beforeprint', update);
    return () => window.removeEventListener('beforeprint', update);
  }, []);
  return (
    <p className="print-only print-heading" data-testid="print-heading">
      {t('print.heading', { name, date: dates.day(now.toISOString()) })}
    </p>
  );
}
