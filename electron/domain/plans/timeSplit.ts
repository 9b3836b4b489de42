import { splitExact } from './largestRemainder';

/**
 * Splits a partner's amount for the plan period into its quarters and each quarter into its months, exactly: the months
 * add up to their quarter and the quarters to the period. `monthWeights` are per month of the period in order (last
 * year's sales of the same months for seasonality, or all 1 for an equal split); a quarter whose months all weigh 0 is
 * split equally. Same tie rule as splitExact (larger weight, then the earlier label).
 */
export interface TimeSplit {
  quarters: Record<string, number>;
  months: Record<string, number>;
}

export interface PeriodShape {
  quarters: Array<{ label: string; months: string[] }>;
}

export function splitOverTime(amount: number, shape: PeriodShape, monthWeights: ReadonlyMap<string, bigint>): TimeSplit {
  const w = (m: string) => monthWeights.get(m) ?? 0n;
  const qAmounts = splitExact(
    amount,
    shape.quarters.map((q) => ({ key: q.label, weight: q.months.reduce((a, m) => a + w(m), 0n) })),
  );
  const quarters: Record<string, number> = {};
  const months: Record<string, number> = {};
  shape.quarters.forEach((q, i) => {
    quarters[q.label] = qAmounts[i];
    const parts = splitExact(qAmounts[i], q.months.map((m) => ({ key: m, weight: w(m) })));
    q.months.forEach((m, j) => (months[m] = parts[j]));
  });
  return { quarters, months };
}
