import type { GridColumnFilter, GridColumnSpec, GridFilterCondition } from '../../model/grids';

export type GridRow = Record<string, unknown>;

const blank = (v: unknown) => v === null || v === undefined || v === '';

function pathGetter(path: string): (row: GridRow) => unknown {
  if (!path.includes('.')) return (row) => row[path] ?? null;
  const keys = path.split('.');
  return (row) => {
    let v: unknown = row;
    for (const key of keys) {
      if (v === null || v === undefined || typeof v !== 'object') return null;
      v = (v as Record<string, unknown>)[key];
    }
    return v ?? null;
  };
}

/** Each column's reader, compiled once per export (an export reads every column of every row). */
const readers = new WeakMap<GridColumnSpec, (row: GridRow) => unknown>();

function readerOf(col: GridColumnSpec): (row: GridRow) => unknown {
  let read = readers.get(col);
  if (read) return read;
  const getters = (col.fields ?? [col.colId]).map(pathGetter);
  const one =
    getters.length === 1
      ? getters[0]
      : col.pick === 'first'
        ? (row: GridRow) => getters.map((g) => g(row)).find((x) => x !== null && x !== '') ?? null
        : col.pick === 'leadAndFirst'
          ? (row: GridRow) => {
              const lead = getters[0](row);
              const rest = getters.slice(1).map((g) => g(row)).find((x) => x !== null && x !== '');
              return [lead, rest].filter((x) => x !== null && x !== '' && x !== undefined).join(' ') || null;
            }
          : (row: GridRow) => getters.map((g) => g(row)).filter((x) => x !== null && x !== '').join(' ') || null;
  if (col.kind === 'count') read = (row) => { const v = one(row); return Array.isArray(v) ? v.length : 0; };
  else if (col.kind === 'percentPoints') read = (row) => { const v = one(row); return typeof v === 'number' ? Math.round(v * 1000) / 10 : null; };
  else read = one;
  readers.set(col, read);
  return read;
}

/** A column's value as the grid holds it (before formatting): one field, or several joined with a space. */
export function rawValue(row: GridRow, col: GridColumnSpec): unknown {
  return readerOf(col)(row);
}

/** What the user sees in the cell, before number formatting: the label of a code, else the value. */
export function shownValue(row: GridRow, col: GridColumnSpec): unknown {
  const v = rawValue(row, col);
  if (col.emptyText !== undefined && blank(v)) return col.emptyText;
  if (col.labels && v !== null && typeof v !== 'object') return col.labels[String(v)] ?? v;
  return v;
}

function textMatches(c: Extract<GridFilterCondition, { filterType: 'text' }>, v: unknown): boolean {
  if (c.type === 'blank') return blank(v);
  if (c.type === 'notBlank') return !blank(v);
  const needle = (c.filter ?? '').toLowerCase();
  // ag-grid: a blank cell is "not equal" to / does "not contain" any text, and matches none of the others.
  if (blank(v)) return c.type === 'notEqual' || c.type === 'notContains';
  const text = String(v).toLowerCase();
  switch (c.type) {
    case 'contains':
      return text.includes(needle);
    case 'notContains':
      return !text.includes(needle);
    case 'equals':
      return text === needle;
    case 'notEqual':
      return text !== needle;
    case 'startsWith':
      return text.startsWith(needle);
    case 'endsWith':
      return text.endsWith(needle);
  }
}

function numberMatches(c: Extract<GridFilterCondition, { filterType: 'number' }>, v: unknown): boolean {
  if (c.type === 'blank') return blank(v);
  if (c.type === 'notBlank') return !blank(v);
  if (blank(v) || typeof v !== 'number') return false;
  const f = c.filter ?? 0;
  switch (c.type) {
    case 'equals':
      return v === f;
    case 'notEqual':
      return v !== f;
    case 'lessThan':
      return v < f;
    case 'lessThanOrEqual':
      return v <= f;
    case 'greaterThan':
      return v > f;
    case 'greaterThanOrEqual':
      return v >= f;
    case 'inRange': // ag-grid's default: both ends excluded
      return v > f && v < (c.filterTo ?? f);
  }
}

/** The calendar day of a cell: YYYY-MM-DD as stored, or the day part of an ag-grid filter's "2025-03-01 00:00:00". */
const day = (v: unknown): string | null => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : null);

function dateMatches(c: Extract<GridFilterCondition, { filterType: 'date' }>, v: unknown): boolean {
  const d = day(v);
  if (c.type === 'blank') return d === null;
  if (c.type === 'notBlank') return d !== null;
  if (d === null) return false;
  const from = day(c.dateFrom) ?? '';
  switch (c.type) {
    case 'equals':
      return d === from;
    case 'notEqual':
      return d !== from;
    case 'lessThan':
      return d < from;
    case 'greaterThan':
      return d > from;
    case 'inRange':
      return d > from && d < (day(c.dateTo) ?? from);
  }
}

function conditionMatches(c: GridFilterCondition, row: GridRow, col: GridColumnSpec): boolean {
  if (c.filterType === 'text') return textMatches(c, shownValue(row, col));
  if (c.filterType === 'number') return numberMatches(c, rawValue(row, col));
  return dateMatches(c, rawValue(row, col));
}

/**
 * The row test of ag-grid Community's column filters (text, number, date; conditions joined by AND / OR) and its quick
 * filter (every word, case-insensitive, somewhere in the visible columns' shown values), evaluated in the domain.
 */
export function rowFilter(
  filterModel: Record<string, GridColumnFilter>,
  columns: Map<string, GridColumnSpec>,
  quickFilter: string | undefined,
  visible: GridColumnSpec[],
): (row: GridRow) => boolean {
  const tests: Array<(row: GridRow) => boolean> = [];
  for (const [colId, f] of Object.entries(filterModel)) {
    const col = columns.get(colId);
    if (!col) throw new Error(`filter on unknown column ${colId}`);
    if ('conditions' in f) {
      const and = f.operator === 'AND';
      tests.push((row) => (and ? f.conditions.every((c) => conditionMatches(c, row, col)) : f.conditions.some((c) => conditionMatches(c, row, col))));
    } else tests.push((row) => conditionMatches(f, row, col));
  }
  const words = (quickFilter ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length) {
    tests.push((row) => {
      const text = visible
        .map((c) => shownValue(row, c))
        .filter((v) => !blank(v))
        .map((v) => String(v).toLowerCase())
        .join('\n');
      return words.every((w) => text.includes(w));
    });
  }
  return (row) => tests.every((t) => t(row));
}

/** ag-grid's default comparator: blanks first, numbers by value, text by code point. */
function compare(a: unknown, b: unknown): number {
  if (blank(a)) return blank(b) ? 0 : -1;
  if (blank(b)) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Sorts rows as the grid does (multi-column, stable: ties keep the order they came in). */
export function sortRows(rows: GridRow[], sort: Array<{ colId: string; sort: 'asc' | 'desc' }>, columns: Map<string, GridColumnSpec>): GridRow[] {
  if (!sort.length) return rows;
  const keys = sort.map((s) => {
    const col = columns.get(s.colId);
    if (!col) throw new Error(`sort on unknown column ${s.colId}`);
    return { col, dir: s.sort === 'asc' ? 1 : -1 };
  });
  return rows.sort((a, b) => {
    for (const k of keys) {
      const c = compare(rawValue(a, k.col), rawValue(b, k.col));
      if (c) return c * k.dir;
    }
    return 0;
  });
}
