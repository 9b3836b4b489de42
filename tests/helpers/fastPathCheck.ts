import { expect } from 'vitest';
import { RowValues } from '../../electron/domain/imports/kinds/kind';

/** A deterministic generator (the failing input is then reproducible). */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A kind's fast row reader against its full reader on random mappings (300, 100 rows each): some optional fields left
 * out, columns in any order, sometimes a default and other null words, mostly plain cells with odd ones among them.
 * Wherever the fast path answers, the full reader must find no error and read the same row. Returns how many rows
 * there were and how many the fast path answered (the caller asserts the common case takes it).
 */
export function compareFastWithFull<Row>(a: {
  seed: number;
  /** Cells near the fast path's edges per field: the first two plain ones, then every kind the full reader treats otherwise. */
  cells: Record<string, readonly unknown[]>;
  required: readonly string[];
  /** Defaults a mapping may set: a field from the first list, a value from the second. */
  defaults: [readonly string[], readonly string[]];
  /** The share of cells taken from the first two (plain) of their field's list. */
  plainShare: number;
  readers: (values: RowValues, mapped: Set<string>) => { fast: ((cells: never) => Row | null) | null; full: (values: RowValues) => Row | null };
}): { rows: number; answered: number } {
  const r = rng(a.seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  let answered = 0;
  let rows = 0;
  for (let m = 0; m < 300; m++) {
    const fields = Object.keys(a.cells).filter((f) => a.required.includes(f) || r() < 0.7);
    const order = [...fields].sort(() => r() - 0.5);
    const index = new Map(order.map((f, i) => [f, i]));
    const defaults: Record<string, string> = {};
    if (r() < 0.15) defaults[pick(a.defaults[0])] = pick(a.defaults[1]);
    const nullValues = r() < 0.2 ? new Set(['-', 'NONE']) : new Set(['NULL', 'N/A', '#N/A']);
    const values = new RowValues(index, { dateFormat: null, values: {}, nullValues, defaults });
    const { fast, full } = a.readers(values, new Set([...index.keys(), ...Object.keys(defaults)]));
    for (let i = 0; i < 100; i++) {
      rows++;
      const cells = order.map((f) => a.cells[f][r() < a.plainShare ? Math.floor(r() * 2) : Math.floor(r() * a.cells[f].length)]);
      const fullErrors: unknown[] = [];
      const expected = full(values.reset(cells as never, fullErrors as never));
      const got = fast ? fast(cells as never) : null;
      if (got !== null) {
        answered++;
        expect(fullErrors, JSON.stringify({ order, cells, defaults })).toEqual([]);
        expect(got, JSON.stringify({ order, cells, defaults })).toEqual(expected);
      }
    }
  }
  return { rows, answered };
}
