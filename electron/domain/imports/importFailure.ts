import { DomainError } from '../../../shared/errors';
import { importMessage, type ImportMessageCode, type ImportWhere } from '../../../shared/importMessages';
import type { RowError, SkippedRows, UnknownValue } from '../../model/imports';

/** Nothing was imported: the file cannot be read, or rows have errors and the import is all-or-nothing. */
export class ImportFailure extends DomainError {
  constructor(
    message: string,
    readonly errors: RowError[] = [{ row: null, column: null, value: null, message }],
    /** Row counts, and the title and total rows the reader skipped (an all-or-nothing refusal reports them too). */
    readonly counts: { rowsRead: number; rejected: number; skipped?: SkippedRows } = { rowsRead: 0, rejected: errors.length },
    /** Unknown territories / channel managers, once per value with its row count: the wizard offers to create them. */
    readonly unknown: UnknownValue[] = [],
    /** Words for every surface (shared/errorMessages): the app and the CLI say it in the user's language. */
    reason?: { reason: string; params: Record<string, unknown> },
  ) {
    super(message, 'DOMAIN', { errors, ...counts, unknown, ...(reason ?? {}) });
    this.name = 'ImportFailure';
  }
}

/** One coded problem of a file refused as a whole (shared/importMessages). */
export interface FileProblem {
  code: ImportMessageCode;
  params?: Record<string, unknown>;
}

/**
 * A file refused as a whole (empty, header only, undecodable, unknown sheet, missing columns, beyond a limit…): the
 * English `message` for logs, each problem as a coded error of its row (when it has one), and the reason
 * `importFileRefused` that words where and what in the reader's language (the error banner, the CLI).
 */
export function fileRefused(message: string, at: ImportWhere, ...problems: FileProblem[]): ImportFailure {
  const errors: RowError[] = problems.map((p) => ({
    row: at.row ?? null,
    column: at.column ?? null,
    value: at.value ?? null,
    message: importMessage(p.code, p.params ?? {}),
    code: p.code,
    params: p.params ?? {},
  }));
  const where = { fileName: at.fileName ?? null, sheet: at.sheet ?? null, row: at.row ?? null, column: at.column ?? null, cell: at.cell ?? null };
  return new ImportFailure(message, errors, undefined, undefined, { reason: 'importFileRefused', params: { ...where, problems: problems.map((p) => ({ code: p.code, params: p.params ?? {} })) } });
}

/** The sheet asked for is not in the workbook (or the workbook has none): the refusal lists the sheets it has. */
export function noSheet(name: string, sheetName: string | null, sheets: readonly string[]): ImportFailure {
  return sheetName !== null
    ? fileRefused(`${name} has no sheet named '${sheetName}' (sheets: ${sheets.join(', ') || 'none'})`, { fileName: name }, { code: 'noSuchSheet', params: { sheet: sheetName, sheets: [...sheets] } })
    : fileRefused(`${name} has no worksheets`, { fileName: name }, { code: 'noWorksheets' });
}
