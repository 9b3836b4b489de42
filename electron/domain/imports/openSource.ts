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
}

/** Opens a CSV/TSV or XLSX file for streaming, detecting what was not given. */
export async function openSource(path: string, opts: SourceOptions = {}): Promise<RecordSource> {
  const sniffed = sniffFile(path, { encoding: normalizeEncoding(opts.encoding), delimiter: opts.delimiter ?? 'auto' });
  if (sniffed.format === 'xlsx') return openXlsxSource(path, sniffed.fileSize, opts.sheet ?? null);
  if (sniffed.format === 'xls' || sniffed.format === 'ods') return openLegacyWorkbookSource(path, sniffed.fileSize, opts.sheet ?? null, sniffed.format);
  return openCsvSource(path, sniffed);
}
