import type { Cell } from '../../../model/imports';
import { plainDecimal, plainIsoDate, plainMoney, scientificLongNumber } from '../valueParsers';
import type { RowValues } from './kind';

/**
 * Readers of a row's cells for a kind's fast path (the common well-formed row): each answers what the full reader
 * (RowValues.text / date / decimal / money) answers for a plain cell (RowValues.isPlain: no outer spaces, no null
 * word, no formula guard), null for an empty one, and `undefined` for any other cell — the row then goes to the full
 * reader, which parses it with its errors. A field without a column reads as empty; a column whose empty cells take a
 * default is never plain-empty (the full reader applies the default).
 */
export function plainCells(row: RowValues, fields: readonly string[]) {
  const defaulted = new Set(fields.filter((f) => row.hasDefault(f)).map((f) => row.columnOf(f) ?? -1));
  /** 1: an empty cell (the field is null), 0: a plain cell, -1: anything else (the full reader decides). */
  const state = (c: Cell | undefined, i: number): number => {
    if (i < 0) return 1;
    if (c === null || c === undefined || c === '') return defaulted.has(i) ? -1 : 1;
    return row.isPlain(c) ? 0 : -1;
  };
  return {
    /** The file's column of a field, -1 without one. */
    col: (field: string) => row.columnOf(field) ?? -1,
    /** Whether a field without a column takes a default (such files are left to the full reader). */
    defaultsAbsent: () => fields.some((f) => row.columnOf(f) === undefined && row.hasDefault(f)),
    /** A plain text cell within `max` characters: itself; empty: null. */
    text(cells: readonly Cell[], i: number, max: number): string | null | undefined {
      const c = cells[i];
      const st = state(c, i);
      if (st === 1) return null;
      if (st < 0) return undefined;
      const t = c as string;
      return t.length <= max && t.indexOf('\uFFFD') < 0 && !scientificLongNumber(t) ? t : undefined;
    },
    /** A plain ISO date (YYYY-MM-DD); empty: null. */
    date(cells: readonly Cell[], i: number): string | null | undefined {
      const c = cells[i];
      const st = state(c, i);
      if (st === 1) return null;
      if (st < 0) return undefined;
      return plainIsoDate(c as string) ?? undefined;
    },
    /** A plain decimal's exact text (1234.50, -12, 1,234,567.89); empty: null. */
    decimal(cells: readonly Cell[], i: number): string | null | undefined {
      const c = cells[i];
      const st = state(c, i);
      if (st === 1) return null;
      if (st < 0) return undefined;
      return plainDecimal(c as string) ?? undefined;
    },
    /** A plain amount in minor units of a currency with `exp` decimals; empty: null. */
    money(cells: readonly Cell[], i: number, exp: number): number | null | undefined {
      const c = cells[i];
      const st = state(c, i);
      if (st === 1) return null;
      if (st < 0) return undefined;
      return plainMoney(c as string, exp) ?? undefined;
    },
    /**
     * The head every line kind's fast path reads first (sales, sell-through): a live partner known by its plain code,
     * a plain ISO date, and the currency (a plain code, CNY when the cell is empty or there is no column). Written into
     * `out` (no object a row); false: the full reader decides.
     */
    lineHead(cells: readonly Cell[], i: { partner: number; date: number; currency: number }, partners: ReadonlyMap<string, { id: number; deleted: boolean }>, out: LineHead): boolean {
      const code = this.text(cells, i.partner, 64);
      if (!code) return false;
      const partner = partners.get(code);
      if (partner === undefined || partner.deleted) return false;
      const date = this.date(cells, i.date);
      if (!date) return false;
      let currency = 'CNY';
      if (i.currency >= 0) {
        const cur = this.currency(cells, i.currency);
        if (cur === undefined) return false;
        if (cur !== null) currency = cur;
      }
      out.partnerId = partner.id;
      out.date = date;
      out.currency = currency;
      return true;
    },
    /** A plain currency code (three capital letters, not RMB, which the full reader turns into CNY); empty: null. */
    currency(cells: readonly Cell[], i: number): string | null | undefined {
      const c = this.text(cells, i, 10);
      if (c === undefined || (c !== null && (!/^[A-Z]{3}$/.test(c) || c === 'RMB'))) return undefined;
      return c;
    },
  };
}

/** What `lineHead` reads: the partner's id, the ISO date and the currency. */
export interface LineHead {
  partnerId: number;
  date: string;
  currency: string;
}
