import { openCsvSource } from './csvSource';
import { sniffFile, normalizeEncoding } from './fileSniffer';
import type { RecordSource } from './recordSource';
import type { DelimiterChoice } from '../../model/imports';
import { openLegacyWorkbookSource } from './legacyWorkbookSource';
import { openXlsxSource } from './xlsxSource';

export interface SourceOptions {
  encoding?: string | null;
  delimiter?: DelimiterChoice | null;
  sheet?: string | null;
  /**
   * Whether a header holds the columns the import needs (mapping.ts `headerFits`). A workbook opened without a chosen
   * sheet whose first sheet's header does not is read from the first later sheet whose header does: WPS and Excel
   * stock reports often keep instructions (填表说明) or a cover on the first tab and the data on the second. A workbook
   * where no sheet fits stays on its first sheet, so the refusal names what that sheet lacks.
   */
  fits?: (header: readonly string[]) => boolean;
}

/** Opens a CSV/TSV or XLSX file for streaming, detecting what was not given. */
export async function openSource(path: string, opts: SourceOptions = {}): Promise<RecordSource> {
  const sniffed = sniffFile(path, { encoding: normalizeEncoding(opts.encoding), delimiter: opts.delimiter ?? 'auto' });
  if (sniffed.format === 'csv') return openCsvSource(path, sniffed);
  const format = sniffed.format;
  const open = (sheet: string | null) =>
    format === 'xlsx' ? openXlsxSource(path, sniffed.fileSize, sheet) : openLegacyWorkbookSource(path, sniffed.fileSize, sheet, format);
  const first = await open(opts.sheet ?? null);
  if (opts.sheet != null || !opts.fits || opts.fits(first.header)) return first;
  for (const name of first.sheets.slice(1)) {
    let other: RecordSource;
    try {
      other = await open(name);
    } catch {
      continue; // an empty or unreadable later sheet is not the data
    }
    if (opts.fits(other.header)) {
      first.close();
      return other;
    }
    other.close();
  }
  return first;
}
