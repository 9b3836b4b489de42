import { describe, expect, it } from 'vitest';
import { decimalToMinor } from '../../../shared/money';
import { parseDate, parseDecimal, parseDecimalFull, parseMoney } from '../../../electron/domain/imports/valueParsers';
import { RowValues } from '../../../electron/domain/imports/kinds/kind';
import { salesFastRow, salesFullParser } from '../../../electron/domain/imports/kinds/sales';
import { compareFastWithFull, rng } from '../../helpers/fastPathCheck';

const outcome = <T>(fn: () => T): { ok: T } | { error: string } => {
  try {
    return { ok: fn() };
  } catch (e) {
    return { error: (e as Error).message };
  }
};

/** Number-like texts near the fast path's edges: signs, leading/trailing zeros, groups of 1–4 digits, long digit runs. */
function numberText(r: () => number): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const digits = (n: number) => Array.from({ length: n }, () => pick('0123456789'.split(''))).join('');
  let s = pick(['', '', '', '-', '+', '--']);
  const kind = r();
  if (kind < 0.4) s += digits(1 + Math.floor(r() * 18));
  else if (kind < 0.8) {
    s += digits(1 + Math.floor(r() * 3));
    const groups = Math.floor(r() * 6);
    for (let i = 0; i < groups; i++) s += pick([',', ',', ',', '']) + digits(pick([3, 3, 3, 2, 4]));
  } else s += pick(['0', '00', '']);
  if (r() < 0.6) s += pick(['.', '.', ',']) + digits(Math.floor(r() * 6)) + pick(['', '0', '00', '000']);
  return s;
}

describe('imports: fast paths give exactly what the full parsers give', () => {
  it('decimal texts (thousands of random number-like inputs)', () => {
    const r = rng(1);
    let fast = 0;
    for (let i = 0; i < 20_000; i++) {
      const s = numberText(r);
      expect(outcome(() => parseDecimal(s)), s).toEqual(outcome(() => parseDecimalFull(s)));
      if (/^-?[\d,]+(\.\d+)?$/.test(s)) fast++;
    }
    expect(fast).toBeGreaterThan(5000);
  });

  it('money in minor units (CNY and JPY), rounded once half away from zero', () => {
    const r = rng(2);
    for (let i = 0; i < 20_000; i++) {
      const s = numberText(r);
      for (const currency of ['CNY', 'JPY']) {
        const full = outcome(() => {
          const d = parseDecimalFull(s);
          if (d === null) return null;
          const m = decimalToMinor(d, currency);
          if (m === null) throw new Error('amount too large');
          return m;
        });
        const got = outcome(() => parseMoney(s, currency));
        if ('error' in full) expect('error' in got, `${s} ${currency}`).toBe(true);
        else expect(got, `${s} ${currency}`).toEqual(full);
      }
    }
    expect(parseMoney('1,234.565')).toBe(123457);
    expect(parseMoney('-0.005')).toBe(-1);
    expect(parseMoney('-0.004')).toBe(0);
    expect(parseMoney('9999999999999.99')).toBe(999999999999999);
  });

  it('ISO dates: the fast path checks like the full one (a leading space takes the full path)', () => {
    const r = rng(3);
    const two = (n: number) => String(n).padStart(2, '0');
    for (let i = 0; i < 20_000; i++) {
      const y = 1890 + Math.floor(r() * 330);
      const s = `${y}-${two(Math.floor(r() * 14))}-${two(Math.floor(r() * 33))}`;
      expect(outcome(() => parseDate(s, null)), s).toEqual(outcome(() => parseDate(` ${s}`, null)));
    }
    expect(parseDate('2024-02-29', null)).toBe('2024-02-29');
    expect(() => parseDate('2023-02-29', null)).toThrow(/day 29/);
  });
});

/** Cells near the fast path's edges for each sales field: plain ones, and every kind the full reader treats otherwise. */
const SALES_CELLS: Record<string, readonly unknown[]> = {
  partnerCode: ['P001', 'P002', 'P003', 'P-DEL', ' P001', 'P001 ', 'p001', 'P404', '', 'NULL', 'n/a', '\u3000P001', 'P001\u00a0', "'P001", 'Channel Islands', null],
  date: ['2024-03-05', '2024-02-29', '2023-02-29', '2024-13-01', '1899-12-31', '2024/3/5', ' 2024-03-05', '20240305', '45000', '05/03/24', '', 'NULL', 45000, null],
  orderRef: ['SO-1', 'O 2', ' SO-1', '', 'N/A', "'=1+2", "'plain", 'x'.repeat(100), 'x'.repeat(101), 'bad\uFFFD', '订单1', null],
  lineRef: ['L1', 'L2', '', ' L1', 'NULL', '#N/A', 'y'.repeat(101), null],
  product: ['SKU-1', '净水器', '', 'NULL', 'Nokia', 'na', '\tSKU', 'SKU\n', null],
  category: ['滤芯', 'Service', '', 'N/A', 'z'.repeat(101), null],
  quantity: ['1', '-1', '0', '2.50', '1,000', '1,00', '', 'NULL', '(1)', '1-', '1.2E+05', '１', ' 3', 3, null],
  amount: ['10', '-10', '0', '1,234.50', '1234.565', '-0.005', '12.5%', '¥10', '(10)', '', 'NULL', '1e3', '１２', '999999999999999.99', '1,23', ' 10', 10.5, null],
  cost: ['6', '-6', '', 'NULL', '6.005', 'abc', '1,000.00', null],
  profit: ['4', '', '-4', 'N/A', '4.4.4', null],
  customerRef: ['C1', '终端客户', '', 'NULL', ' C1', 'w'.repeat(201), null],
  currency: ['CNY', 'USD', 'JPY', 'usd', 'RMB', '人民币', '', ' CNY', 'XX', 'NULL', null],
};

describe('sales rows: the fast path reads exactly what the full reader reads', () => {
  it('random rows and mappings: the fast path answers only error-free rows, with the full reader\'s row', () => {
    const partners = new Map([
      ['P001', { id: 1, deleted: false }],
      ['P002', { id: 2, deleted: false }],
      ['P003', { id: 3, deleted: false }],
      ['P-DEL', { id: 4, deleted: true }],
      ['Channel Islands', { id: 5, deleted: false }],
    ]);
    const { rows, answered } = compareFastWithFull({
      seed: 4,
      cells: SALES_CELLS,
      required: ['partnerCode', 'date', 'amount'],
      defaults: [['currency', 'category', 'cost', 'customerRef'], ['USD', 'Service', '1', 'C9']],
      plainShare: 0.8,
      readers: (values, mapped) => ({ fast: salesFastRow(values, partners), full: salesFullParser({ mapped }, partners) }),
    });
    // The common case takes the fast path.
    expect(answered).toBeGreaterThan(rows / 5);
  });

  it('a plain cell is one trim() leaves as it is, whatever the character at its edges', () => {
    const values = new RowValues(new Map(), { dateFormat: null, values: {}, nullValues: new Set(['NULL']) });
    for (let code = 0; code < 0x10000; code++) {
      const ch = String.fromCharCode(code);
      if (code === 39) continue; // the formula guard's quote, never plain at the start
      const c = `${ch}x${ch}`;
      expect(values.isPlain(c), `U+${code.toString(16)}`).toBe(c.trim() === c);
    }
    expect(values.isPlain('NULL')).toBe(false);
    expect(values.isPlain('null')).toBe(false);
    expect(values.isPlain('NULLS')).toBe(true);
    expect(values.isPlain("'=1")).toBe(false);
  });
});
