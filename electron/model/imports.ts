import { z } from 'zod';
import { IMPORT_KINDS, type ImportKind } from '../../shared/enums';
import { zs } from '../../shared/fields';
import type { imports } from '../../db/schema';

type ImportRow = typeof imports.$inferSelect;

/** csv: CSV/TSV text; xlsx: Office Open XML workbooks; xls: Excel 97–2003 and WPS .et (BIFF); ods: OpenDocument. */
export type SourceFormat = 'csv' | 'xlsx' | 'xls' | 'ods';

/** One cell as a source gives it: CSV cells are text; XLSX cells may be numbers, booleans or dates. */
export type Cell = string | number | boolean | Date | null;

/** A data row of the file: its spreadsheet row number (header = row 1 in a CSV) and its cells in header order. */
export interface SourceRecord {
  row: number;
  cells: Cell[];
}

/** What is wrong with one value of one row; `row` and `column` name the spreadsheet row and the file's header. */
export interface RowError {
  row: number | null;
  column: string | null;
  value: string | null;
  /** English words (logs); `code` + `params` are rendered in the reader's language (shared/importMessages `importErrorText`). */
  message: string;
  code?: string;
  params?: Record<string, unknown>;
}

export const ENCODINGS = ['auto', 'utf8', 'utf16le', 'utf16be', 'gb18030'] as const;
export type EncodingChoice = (typeof ENCODINGS)[number];
export type Encoding = Exclude<EncodingChoice, 'auto'>;

export const DELIMITERS = ['auto', ',', ';', '\t', '|'] as const;
export type DelimiterChoice = (typeof DELIMITERS)[number];

/** Formats a user must choose for day/month-ambiguous dates; unambiguous ones (ISO, 2024/3/5, 2024年3月5日, serials) need none. */
export const DATE_FORMATS = ['DD/MM/YY', 'DD/MM/YYYY', 'MM/DD/YY', 'MM/DD/YYYY'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

/** The mapping file (and the UI's saved template). */
export interface ImportMapping {
  kind: ImportKind;
  sheet?: string | null;
  encoding?: EncodingChoice;
  delimiter?: DelimiterChoice;
  dateFormat?: DateFormat | null;
  /** target field → the file's header text */
  columns: Record<string, string>;
  /** target field → (value in the file → code value) */
  values?: Record<string, Record<string, string>>;
  /** Cell texts that mean "no value" in optional fields (default NULL_VALUES; [] turns it off). Case-insensitive. */
  nullValues?: string[];
  /** target field → value used where the file has no column or an empty cell (partners: only for new partners). */
  defaults?: Record<string, string>;
}

/** What SQL Server, Oracle and Excel exports write for a missing value; empty cells are always "no value". */
export const NULL_VALUES = ['NULL', 'N/A', '#N/A'] as const;

export type ImportCounts = Pick<ImportRow, 'rowsRead' | 'inserted' | 'updated' | 'duplicates' | 'rejected'>;

/** A value that names no territory or channel manager: once per value, with how many rows use it and the first row. */
export interface UnknownValue {
  what: 'territory' | 'channelManager';
  value: string;
  rows: number;
  firstRow: number;
}

/** A row a file's reader skipped without reading it as data: its row number and its (first filled) cell's text. */
export interface SkippedRow {
  row: number;
  text: string;
}

/**
 * Rows skipped as not data, so that none goes unreported: titles above the header (a merged title, an export time) and
 * total rows (合计, Total…; how many, and the first MAX_SKIPPED_TOTALS_LISTED of them).
 */
export interface SkippedRows {
  titles: SkippedRow[];
  totals: number;
  totalRows: SkippedRow[];
}

/** At most this many total rows are listed by row (the count stays exact). */
export const MAX_SKIPPED_TOTALS_LISTED = 20;

export interface ImportResult extends ImportCounts {
  importId: number;
  kind: ImportKind;
  fileName: string;
  sha256: string;
  durationMs: number;
  /** Path of the rejected-rows CSV (original columns + error), when rows were rejected with acceptValid. */
  rejectedFile: string | null;
  /** The first errors (all are in import_errors up to a cap). */
  errors: RowError[];
  /** The earlier import this one replaced (undone in the same transaction), if any. */
  replaced: number | null;
  /** Territories and channel managers the import created (create options), by name as in the file. */
  created?: { territories: string[]; channelManagers: string[] };
  /** Title rows above the header and total rows the reader skipped (shown with the result: nothing skipped silently). */
  skipped: SkippedRows;
}

/** At most this many row errors are returned or stored; the counts stay exact. */
export const MAX_ERRORS_RETURNED = 1000;
export const MAX_ERRORS_STORED = 10_000;

const fieldName = z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,39}$/, 'a target field name such as partnerCode');

/** The mapping file / template: which column feeds which field, and how to read the file. */
export const importMapping = z
  .object({
    kind: z.enum(IMPORT_KINDS),
    sheet: z.string().max(200).nullable().optional(),
    encoding: z.enum(ENCODINGS).optional(),
    delimiter: z.enum(DELIMITERS).optional(),
    dateFormat: z.enum(DATE_FORMATS).nullable().optional(),
    columns: z.record(fieldName, z.string().max(200)),
    values: z.record(fieldName, z.record(z.string().max(200), z.string().max(100))).optional(),
    nullValues: z.array(z.string().max(50)).max(50).optional(),
    defaults: z.record(fieldName, z.string().max(200)).optional(),
  })
  .strict();

const encodingInput = z.string().regex(/^[a-zA-Z0-9-]{1,20}$/).optional();

export const fileInput = {
  kind: z.enum(IMPORT_KINDS),
  path: zs.filePath,
  fileName: z.string().min(1).max(255).optional(),
  mapping: importMapping.nullable().optional(),
  sheet: z.string().max(200).nullable().optional(),
  encoding: encodingInput,
  delimiter: z.enum(DELIMITERS).optional(),
};

/** What `imports.preview` reads: a file, how to read it, and how much of it to show and check. */
export const previewInput = z
  .object({
    ...fileInput,
    /** Rows shown as they will be stored (default 20). */
    sampleRows: z.number().int().min(1).max(200).optional(),
    /** Rows checked for the validation summary (default 2000). */
    checkRows: z.number().int().min(1).max(100_000).optional(),
  })
  .strict();
export type PreviewInput = z.infer<typeof previewInput>;

/** What `imports.run` imports, and how. */
export const runImportInput = z
  .object({
    ...fileInput,
    /** Commit the valid rows and write the rejected ones to a CSV; default all-or-nothing. */
    acceptValid: z.boolean().optional(),
    /** Where the rejected rows go; default next to the file: <name>.rejected-<importId>.csv */
    rejectedPath: zs.filePath.nullable().optional(),
    /** The language of the rejected-rows file's error column (the app's or the CLI's; default: the workspace's `ui.language`, else Chinese). */
    language: z.enum(['zh-CN', 'en']).optional(),
    /** Undo this earlier import and import the file, in one transaction (re-importing a file after a mapping change). */
    replace: zs.id.nullable().optional(),
    /** Import even though the same file content was imported before (duplicates are still skipped line by line). */
    force: z.boolean().optional(),
    /** Partners: create the territories / channel managers the file names that do not exist yet (default: an error per unknown value). */
    createTerritories: z.boolean().optional(),
    createOwners: z.boolean().optional(),
  })
  .strict();
export type RunImportInput = z.infer<typeof runImportInput>;

export interface ImportPreview {
  fileName: string;
  fileSize: number;
  format: SourceFormat;
  encoding: string | null;
  delimiter: string | null;
  sheets: string[];
  sheet: string | null;
  header: string[];
  fields: Array<{ name: string; type: FieldType; required: boolean; values: string[] | null }>;
  /** Auto-suggested field → header. */
  suggestedColumns: Record<string, string>;
  /** Only when a date column holds day/month-first dates and the sample decides which. */
  suggestedDateFormat: DateFormat | null;
  /** The mapping in use (given or suggested). */
  mapping: ImportMapping;
  missingRequired: string[];
  /** For enumeration fields: distinct values of the sample that need a value map (not a code or a known word). */
  unknownValues: Record<string, string[]>;
  rows: Array<{ row: number; cells: string[]; stored: Record<string, unknown> | null; errors: RowError[] }>;
  summary: { rowsChecked: number; valid: number; invalid: number; complete: boolean; errors: RowError[] };
  /** A committed import of the same file content: importing again needs replace (or force). */
  alreadyImported: EarlierImport | null;
  /** Title rows above the header, and the total rows among the rows checked. */
  skipped: SkippedRows;
}

/** An import's history row: the imports table's columns but the mapping. */
export type ImportRecord = Omit<ImportRow, 'mapping'>;

export interface MappingTemplate {
  name: string;
  mapping: ImportMapping;
  savedAt: string;
}

export type FieldType = 'text' | 'date' | 'money' | 'number' | 'integer' | 'boolean' | 'enum' | 'period';

/** A committed import of the same file content (same SHA-256) and kind. */
export type EarlierImport = Pick<ImportRow, 'fileName' | 'finishedAt' | 'rowsRead' | 'inserted' | 'updated'> & { importId: ImportRow['id'] };
