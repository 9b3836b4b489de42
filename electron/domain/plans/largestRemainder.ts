/**
 * Splits an integer amount (minor units) over weights so the parts add up exactly to it (largest-remainder method, in
 * exact integer arithmetic).
 *
 * Each part first gets floor(amount × weight / Σweights); the units left over (fewer than the number of parts) go one
 * each to the parts with the largest remainders. Tie rule: equal remainders → the larger weight first; equal weights too
 * → the smaller key first (keys compared by code point, e.g. partner codes, so P0001 before P0002). A part with weight 0
 * gets 0. When every weight is 0 the amount is split equally (all weights taken as 1) by the same rule.
 */
export interface Share {
  key: string;
  weight: bigint;
}

export function splitExact(amount: number, shares: readonly Share[]): number[] {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`Amount must be an integer number of minor units: ${amount}`);
  if (shares.length === 0) {
    if (amount !== 0) throw new RangeError('Nothing to split the amount over');
    return [];
  }
  for (const s of shares) if (s.weight < 0n) throw new RangeError(`Negative weight for ${s.key}`);
  let total = shares.reduce((a, s) => a + s.weight, 0n);
  const weights = total === 0n ? shares.map(() => 1n) : shares.map((s) => s.weight);
  if (total === 0n) total = BigInt(shares.length);
  const sign = amount < 0 ? -1n : 1n;
  const a = BigInt(amount) * sign;
  const floors = weights.map((w) => (a * w) / total);
  const rems = weights.map((w) => (a * w) % total);
  let left = a - floors.reduce((x, y) => x + y, 0n);
  const order = shares
    .map((_, i) => i)
    .sort((i, j) => {
      if (rems[i] !== rems[j]) return rems[j] > rems[i] ? 1 : -1;
      if (weights[i] !== weights[j]) return weights[j] > weights[i] ? 1 : -1;
      const ki = shares[i].key;
      const kj = shares[j].key;
      return ki < kj ? -1 : ki > kj ? 1 : 0;
    });
  for (const i of order) {
    if (left === 0n) break;
    if (weights[i] === 0n) continue;
    floors[i] += 1n;
    left -= 1n;
  }
  return floors.map((f) => Number(f * sign));
}
