import { useMemo } from 'react';
import { periodsBack, quartersBack } from '../../shared/period';
import { useOp } from './api/hooks';
import { useToday } from './today';

/**
 * The company's fiscal year start month (setting company.fiscalStartMonth, 1 = calendar year), as the domain counts
 * periods: a page offering quarters offers the same 2026-Q1 the evaluations, payouts and reports compute, not the
 * calendar's. `ready` is false until the setting has arrived (a page that defaults to a period waits for it).
 */
export function useFiscalStartMonth(): { month: number; ready: boolean } {
  const q = useOp('system.settings.get', { key: 'company.fiscalStartMonth' }, { staleTime: 60_000 });
  const month = Number(q.data?.value ?? q.data?.default ?? 1) || 1;
  return { month, ready: !q.isPending };
}

/**
 * The fiscal quarter today is in and the `back` before it, newest first (today by the workspace clock), with the last
 * full quarter — what a review or a stock count looks back on — as `lastFull`.
 */
export function useFiscalQuarters(back = 8): { quarters: string[]; current: string; lastFull: string; fiscalStartMonth: number; ready: boolean } {
  const today = useToday();
  const fiscal = useFiscalStartMonth();
  const quarters = useMemo(() => quartersBack(today, Math.max(1, back), fiscal.month), [today, back, fiscal.month]);
  return { quarters, current: quarters[0], lastFull: quarters[1], fiscalStartMonth: fiscal.month, ready: fiscal.ready };
}

/**
 * The fiscal periods a period box offers as suggestions, newest first: the last `quarters` quarters, the last two
 * halves and the last two years (months are calendar months and typed as 2026-03).
 */
export function useFiscalPeriods(quarters = 8): { periods: string[]; lastFull: string; fiscalStartMonth: number; ready: boolean } {
  const today = useToday();
  const fiscal = useFiscalStartMonth();
  const periods = useMemo(
    () => [
      ...quartersBack(today, quarters, fiscal.month),
      ...periodsBack(today, 'half', 1, fiscal.month),
      ...periodsBack(today, 'year', 1, fiscal.month),
    ],
    [today, quarters, fiscal.month],
  );
  return { periods, lastFull: periods[1], fiscalStartMonth: fiscal.month, ready: fiscal.ready };
}
