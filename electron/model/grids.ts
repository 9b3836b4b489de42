import { z } from 'zod';
import { zs } from '../../shared/fields';

/**
 * Grid export: what the user sees in a grid — visible columns in their order, headers in the app language, the page's
 * filter, the column filters, the quick filter and the sort — written as XLSX or CSV by the domain, which re-queries the
 * data (never the renderer's rows).
 */

/** The grids that can be exported, each named after the list operation the page reads. */
export const GRID_NAMES = [
  'sales',
  'partners',
  'audit',
  'risks',
  'deals',
  'trainingRecords',
  'trainingExpiring',
  'scorecards',
  'payoutRuns',
  'payoutLines',
  'programs',
  'imports',
  'partnerLedger',
  'partnerAccruals',
  'customersRfm',
  'customersLapsed',
  'inventoryEvidence',
  'inventoryGroups',
  'inventoryPartners',
  'inventoryRows',
  'riskEvidence',
] as const;
export type GridName = (typeof GRID_NAMES)[number];

/** `pdf`: the print path — an A4 landscape table with headers, page numbers and the time printed (at most GRID_PRINT_MAX_ROWS rows). */
export const GRID_EXPORT_FORMATS = ['xlsx', 'csv', 'csv-excel', 'pdf'] as const;
export const GRID_PRINT_MAX_ROWS = 5000;
export type GridExportFormat = (typeof GRID_EXPORT_FORMATS)[number];

/**
 * How a column's cells are written: money columns hold integer minor units and are written in major units, exactly;
 * `percent` is a fraction written as one (0.853, shown 85.3% by Excel's format); `percentPoints` is a fraction the grid
 * shows ×100 rounded to one decimal (0.8534 → 85.3): filters, sort and the file use that number, as the grid does.
 */
export const GRID_COLUMN_KINDS = ['text', 'number', 'money', 'date', 'percent', 'percentPoints', 'count'] as const;
export type GridColumnKind = (typeof GRID_COLUMN_KINDS)[number];

const colId = z.string().min(1).max(100);
const fieldPath = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/, 'a field name such as partnerCode or cells.T01').max(200);

export const gridColumnSpec = z
  .object({
    colId,
    header: z.string().max(300),
    /** Row fields shown in the column (several are joined with a space, as "P1 深圳鑫睿"); default: the colId. */
    fields: z.array(fieldPath).min(1).max(5).optional(),
    /** What the user sees for each stored code (status `active` → 合作中): used for the file, the filter and the quick filter. */
    labels: z.record(z.string().max(200), z.string().max(300)).optional(),
    kind: z.enum(GRID_COLUMN_KINDS).optional(),
    /**
     * `first`: the first field with a value is shown (an English name, else the Chinese one); `leadAndFirst`: the first
     * field, then the first of the others with a value ("P1 Shenzhen Xinrui", else "P1 深圳鑫睿"); default: all joined.
     */
    pick: z.enum(['join', 'first', 'leadAndFirst']).optional(),
    /** What the grid shows in an empty cell (直销 / Direct for a deal without a partner): written, filtered and searched as shown. */
    emptyText: z.string().max(200).optional(),
  })
  .strict();
export type GridColumnSpec = z.output<typeof gridColumnSpec>;

const textCondition = z
  .object({
    filterType: z.literal('text'),
    type: z.enum(['contains', 'notContains', 'equals', 'notEqual', 'startsWith', 'endsWith', 'blank', 'notBlank']),
    filter: z.string().max(1000).nullish(),
  })
  .strict();
const numberCondition = z
  .object({
    filterType: z.literal('number'),
    type: z.enum(['equals', 'notEqual', 'lessThan', 'lessThanOrEqual', 'greaterThan', 'greaterThanOrEqual', 'inRange', 'blank', 'notBlank']),
    filter: z.number().min(-1e15).max(1e15).nullish(),
    filterTo: z.number().min(-1e15).max(1e15).nullish(),
  })
  .strict();
const dateCondition = z
  .object({
    filterType: z.literal('date'),
    type: z.enum(['equals', 'notEqual', 'lessThan', 'greaterThan', 'inRange', 'blank', 'notBlank']),
    dateFrom: z.string().max(40).nullish(),
    dateTo: z.string().max(40).nullish(),
  })
  .strict();
const condition = z.discriminatedUnion('filterType', [textCondition, numberCondition, dateCondition]);
export type GridFilterCondition = z.output<typeof condition>;
const combined = z
  .object({ filterType: z.enum(['text', 'number', 'date']), operator: z.enum(['AND', 'OR']), conditions: z.array(condition).min(1).max(10) })
  .strict();
/** One column's filter, as ag-grid Community's text / number / date filters model it (one condition or several joined). */
export const gridColumnFilter = z.union([condition, combined]);
export type GridColumnFilter = z.output<typeof gridColumnFilter>;

export const gridExportInput = z
  .object({
    grid: z.enum(GRID_NAMES),
    /** The page's own filter: the input of the grid's list operation (checked against that operation's schema). */
    query: z.record(z.string(), z.unknown()).default({}),
    /** The visible columns in their order: these are written. */
    columns: z.array(gridColumnSpec).min(1).max(200),
    /** Hidden columns that are sorted or filtered on: read, not written. */
    hiddenColumns: z.array(gridColumnSpec).max(200).default([]),
    sort: z.array(z.object({ colId, sort: z.enum(['asc', 'desc']) }).strict()).max(10).default([]),
    filterModel: z.record(colId, gridColumnFilter).default({}),
    quickFilter: z.string().max(500).optional(),
    format: z.enum(GRID_EXPORT_FORMATS),
    /** The file to write (its extension is the format's). */
    out: zs.filePath,
    /** An existing file at `out`: refuse (the default), replace it, or write `name (2).ext` beside it. */
    onExists: zs.onExists.default('refuse'),
    /** The sheet's name (the page's title). */
    title: z.string().max(100).optional(),
    /** Language of the printed page's own words (page numbers, time printed); the headers come as the user sees them. */
    language: z.enum(['zh-CN', 'en']).optional(),
  })
  .strict();
export type GridExportInput = z.output<typeof gridExportInput>;

export interface GridExportResult {
  path: string;
  format: GridExportFormat;
  /** Rows written (after the column filters and the quick filter). */
  rows: number;
  /** Rows read from the workspace. */
  scanned: number;
}
