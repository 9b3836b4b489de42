import { importMessage, type ImportMessageCode } from '../../../../shared/importMessages';

/**
 * What a workbook may hold before the reader refuses it, so a hostile or broken file cannot exhaust memory or run
 * for ever. The sheet is streamed (its size bounds time, not memory); shared strings and styles are held in memory.
 * Row and column limits are Excel's own; a cell's text is at most Excel's 32,767 characters.
 */
export const XLSX_LIMITS = {
  /** Inflated size of the chosen worksheet part. */
  sheetBytes: 2 * 1024 ** 3,
  /** Inflated size of the shared-strings part. */
  sharedStringsBytes: 512 * 1024 ** 2,
  sharedStrings: 5_000_000,
  sharedStringsChars: 200_000_000,
  /** Inflated size of workbook.xml, styles.xml and relationship parts. */
  smallPartBytes: 64 * 1024 ** 2,
  rows: 1_048_576,
  columns: 16_384,
  cellChars: 32_767,
  /** .xls/.et/.ods files are read whole by SheetJS (an .xls holds at most 65,536 rows × 256 columns). */
  legacyFileBytes: 128 * 1024 ** 2,
};

export type XlsxLimits = typeof XLSX_LIMITS;

/** The workbook is beyond one of the limits: the code says which (shared/importMessages), the message in English. */
export class XlsxLimitExceeded extends Error {
  constructor(
    readonly code: ImportMessageCode,
    readonly params: Record<string, unknown>,
  ) {
    super(importMessage(code, params));
  }
}
