import { localDate } from '../../shared/clock';
import { useOp } from './api/hooks';

/**
 * Today (YYYY-MM-DD) by the workspace clock — the company's time zone, as the domain counts it — so a default date,
 * period or quarter on a page is the day the payouts and expiries are computed for, not the laptop's own day. Until
 * the first answer arrives (prefetched at start) it falls back to the machine's day.
 */
export function useToday(): string {
  const r = useOp('system.today', {}, { staleTime: 60_000, refetchInterval: 60_000 });
  return r.data?.today ?? localDate();
}
