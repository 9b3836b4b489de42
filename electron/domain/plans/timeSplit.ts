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

export function splitOverTime(amount: number, shape: PeriodShape, monthWeights: ReadonlyMap<string, bigint>, frozen?: ReadonlyMap<string, number>): TimeSplit {
  if (frozen && frozen.size) return splitAroundFrozen(amount, shape, monthWeights, frozen);
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

/**
 * The split of a revision around months a stored run used: those months keep their amounts; the rest of the amount
 * (amount − their sum, never negative: the allocation keeps a partner at least at that sum) goes over the other months,
 * first to the quarters by the weight of their open months, then within each quarter to its open months by the same
 * rule. Open months that all weigh 0 count 1 each. A quarter is its months' sum, so the quarters still add up to the
 * amount.
 */
function splitAroundFrozen(amount: number, shape: PeriodShape, monthWeights: ReadonlyMap<string, bigint>, frozen: ReadonlyMap<string, number>): TimeSplit {
  const open = shape.quarters.flatMap((q) => q.months).filter((m) => !frozen.has(m));
  const kept = [...frozen.entries()].filter(([m]) => shape.quarters.some((q) => q.months.includes(m))).reduce((a, [, v]) => a + v, 0);
  const rest = amount - kept;
  if (rest < 0 || (rest > 0 && open.length === 0)) throw new RangeError(`The amount ${amount} does not fit the months already used (${kept})`);
  const flat = open.every((m) => (monthWeights.get(m) ?? 0n) === 0n);
  const w = (m: string) => (frozen.has(m) ? 0n : flat ? 1n : (monthWeights.get(m) ?? 0n));
  const withOpen = shape.quarters.filter((q) => q.months.some((m) => !frozen.has(m)));
  const qShares = new Map<string, number>();
  if (withOpen.length) {
    const parts = splitExact(rest, withOpen.map((q) => ({ key: q.label, weight: q.months.reduce((a, m) => a + w(m), 0n) })));
    withOpen.forEach((q, i) => qShares.set(q.label, parts[i]));
  }
  const quarters: Record<string, number> = {};
  const months: Record<string, number> = {};
  for (const q of shape.quarters) {
    const openMonths = q.months.filter((m) => !frozen.has(m));
    const share = qShares.get(q.label) ?? 0;
    const parts = openMonths.length ? splitExact(share, openMonths.map((m) => ({ key: m, weight: w(m) }))) : [];
    for (const m of q.months) months[m] = frozen.has(m) ? frozen.get(m)! : parts[openMonths.indexOf(m)];
    quarters[q.label] = q.months.reduce((a, m) => a + months[m], 0);
  }
  return { quarters, months };
}
