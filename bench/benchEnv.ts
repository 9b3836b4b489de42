/**
 * A bench's size from the environment (issue 20: `bench:evaluate`, `bench:import` and `bench:payouts` all take
 * BENCH_ROWS, BENCH_LINES and BENCH_PARTNERS). `names` are read in order, the first one set wins, else `fallback`.
 * A value that is not a whole number ≥ 1 (digits, `_` or `,` between them: 100_000, 100,000) is refused with the
 * variable's name: `Number('100k')` is NaN, and before, a typo or a name one bench did not read silently started a
 * full-size run of many minutes on the shared machine.
 */
export function benchCount(names: readonly string[], fallback: number, env: Record<string, string | undefined> = process.env): number {
  for (const name of names) {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') continue;
    const text = raw.trim();
    const n = /^\d+(?:[_,]\d+)*$/.test(text) ? Number(text.replace(/[_,]/g, '')) : NaN;
    if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${name}=${raw} is not a whole number of at least 1 (e.g. ${name}=100000)`);
    return n;
  }
  return fallback;
}
