import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

const YEARS_BACK = 5;

/**
 * A month (YYYY-MM) as a year and a month select, worded in the app's language: an `<input type="month">` is drawn by
 * the browser in the browser's language (an English browser showed "December 2026" in the Chinese app). Months after
 * `max` cannot be chosen; a year whose month would pass `max` lands on `max`.
 */
export function MonthPicker({ value, max, onChange, testId }: { value: string; max: string; onChange: (month: string) => void; testId: string }) {
  const { i18n, t } = useTranslation(['common']);
  const monthNames = useMemo(() => {
    const format = new Intl.DateTimeFormat(i18n.language, { month: 'long', timeZone: 'UTC' });
    return Array.from({ length: 12 }, (_, m) => format.format(new Date(Date.UTC(2000, m, 1))));
  }, [i18n.language]);
  const [year, month] = value.split('-').map(Number);
  const maxYear = Number(max.slice(0, 4));
  const years = Array.from({ length: YEARS_BACK + 1 }, (_, k) => maxYear - YEARS_BACK + k);
  if (!years.includes(year)) years.unshift(year);
  const pick = (y: number, m: number) => {
    const next = `${y}-${String(m).padStart(2, '0')}`;
    onChange(next > max ? max : next);
  };
  return (
    <span data-testid={testId} data-value={value}>
      <select value={year} onChange={(e) => pick(Number(e.target.value), month)} aria-label={t('common:monthPicker.year')} data-testid={`${testId}-year`}>
        {years.map((y) => (
          <option key={y} value={y}>
            {t('common:monthPicker.yearOption', { year: y })}
          </option>
        ))}
      </select>{' '}
      <select value={month} onChange={(e) => pick(year, Number(e.target.value))} aria-label={t('common:monthPicker.month')} data-testid={`${testId}-month`}>
        {monthNames.map((name, m) => (
          <option key={m} value={m + 1} disabled={`${year}-${String(m + 1).padStart(2, '0')}` > max}>
            {name}
          </option>
        ))}
      </select>
    </span>
  );
}
