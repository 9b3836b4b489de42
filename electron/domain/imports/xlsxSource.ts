import { basename } from 'node:path';
import { hashFile } from './fileHash';
import { fileRefused, ImportFailure, noSheet } from './importFailure';
import { openLegacyWorkbookSource } from './legacyWorkbookSource';
import type { RecordSource } from './recordSource';
import { cellText, isEmptyRow, isTotalRow, pickHeaderRow, SkippedTotals } from './recordSource';
import type { SourceRecord } from '../../model/imports';
import { readCellStyles } from './xlsx/cellStyles';
import { XLSX_LIMITS, XlsxLimitExceeded, type XlsxLimits } from './xlsx/limits';
import { readSharedStrings } from './xlsx/sharedStrings';
import { columnLetters, SheetCellError, sheetRows, type SheetRow } from './xlsx/sheetRows';
import { readWorkbook } from './xlsx/workbookPart';
import { openZip, type ZipArchive } from './xlsx/zipArchive';

/**
 * Reads one sheet of an XLSX workbook (transitional or Strict OOXML) by random access into the zip: workbook.xml for
 * the tabs in their order (the first sheet is the first tab, whatever the order of the zip's parts) and the 1904 flag,
 * the shared strings and the cell styles (which number formats show dates), then streams only the chosen sheet.
 * No temp files. Limits (./xlsx/limits) bound memory and time; errors name file, sheet, row and column.
 */
export async function openXlsxSource(path: string, fileSize: number, sheetName: string | null, limits: XlsxLimits = XLSX_LIMITS): Promise<RecordSource> {
  const name = basename(path);
  const unreadable = (e: unknown) => {
    if (e instanceof ImportFailure) return e;
    if (e instanceof XlsxLimitExceeded) return fileRefused(`${name}: ${e.message}`, { fileName: name }, { code: e.code, params: e.params });
    const detail = (e as Error)?.message ?? String(e);
    return fileRefused(`${name}: not a readable XLSX workbook (${detail})`, { fileName: name }, { code: 'notXlsx', params: { detail } });
  };
  let zip: ZipArchive;
  try {
    zip = await openZip(path);
  } catch (e) {
    throw unreadable(e);
  }
  if (zip.entries.has('content.xml') && !zip.entries.has('[Content_Types].xml')) {
    // An OpenDocument spreadsheet whose mimetype part is not first (the sniffer looks only at the file's start).
    zip.close();
    return openLegacyWorkbookSource(path, fileSize, sheetName, 'ods', limits);
  }
  let chosen: string;
  let rows: AsyncGenerator<SheetRow>;
  let sheets: string[];
  let digest: { sha256: string; bytes: number };
  let unpacked = 0;
  let sheetBytes = 1;
  try {
    for (const [part, info] of zip.entries) {
      if (/\.(xml|rels)$/i.test(part) && !/worksheets\/|sharedStrings/i.test(part) && info.uncompressedSize > limits.smallPartBytes) {
        const params = { part, mib: Math.ceil(info.uncompressedSize / 1024 ** 2), limitMib: limits.smallPartBytes / 1024 ** 2 };
        throw fileRefused(`${name}: the part ${part} is ${params.mib} MiB once unpacked; the limit is ${params.limitMib} MiB`, { fileName: name }, { code: 'partTooLarge', params });
      }
    }
    const wb = await readWorkbook(zip);
    const worksheets = wb.sheets.filter((s) => s.part !== null);
    sheets = worksheets.map((s) => s.name);
    const sheet = sheetName === null ? worksheets[0] : worksheets.find((s) => s.name === sheetName);
    if (!sheet || !sheet.part) {
      throw noSheet(name, sheetName, sheets);
    }
    chosen = sheet.name;
    const sheetSize = zip.entries.get(sheet.part)?.uncompressedSize ?? 0;
    if (sheetSize > limits.sheetBytes) {
      const params = { mib: Math.ceil(sheetSize / 1024 ** 2), limitMib: limits.sheetBytes / 1024 ** 2 };
      throw fileRefused(`${name}, sheet '${chosen}' is ${params.mib} MiB once unpacked; the limit is ${params.limitMib} MiB`, { fileName: name, sheet: chosen }, { code: 'sheetTooLarge', params });
    }
    const [sharedStrings, styles] = [await readSharedStrings(zip, wb.sharedStringsPart, limits), await readCellStyles(zip, wb.stylesPart)];
    digest = await hashFile(path);
    const onBytes = (n: number) => {
      unpacked += n;
    };
    rows = sheetRows(await zip.open(sheet.part), { sharedStrings, dateStyles: styles.dates, zeroPadStyles: styles.zeroPad, date1904: wb.date1904, limits, onBytes });
    sheetBytes = Math.max(1, sheetSize);
  } catch (e) {
    zip.close();
    throw unreadable(e);
  }

  const where = `${name}, sheet '${chosen}'`;
  let header: string[] = [];
  const failure = (e: unknown): ImportFailure => {
    if (e instanceof ImportFailure) return e;
    if (e instanceof SheetCellError) {
      const column = e.column === null ? null : (header[e.column] || columnLetters(e.column));
      const cell = e.column === null ? '' : `, cell ${columnLetters(e.column)}${e.row ?? ''}`;
      const message = `${where}, row ${e.row ?? '?'}${cell}: ${e.message}`;
      return fileRefused(message, { fileName: name, sheet: chosen, row: e.row, column, cell: e.column === null ? null : `${columnLetters(e.column)}${e.row ?? ''}` }, { code: e.code, params: e.params });
    }
    const detail = (e as Error)?.message ?? String(e);
    return fileRefused(`${where}: cannot be read (${detail})`, { fileName: name, sheet: chosen }, { code: 'sheetUnreadable', params: { detail } });
  };
  const next = async () => {
    try {
      return await rows.next();
    } catch (e) {
      zip.close();
      throw failure(e);
    }
  };

  const nextFilled = async (): Promise<SourceRecord | null> => {
    for (;;) {
      const r = await next();
      if (r.done) return null;
      if (!isEmptyRow(r.value.cells)) return { row: r.value.row, cells: r.value.cells };
    }
  };
  const first = await nextFilled();
  if (!first) {
    zip.close();
    throw fileRefused(`${where} has no header row (the sheet is empty)`, { fileName: name, sheet: chosen, row: 1 }, { code: 'noRows', params: { sheet: true } });
  }
  // A title above the header (a merged cell: one filled cell) is skipped; rows read past a one-column header come back first.
  const picked = await pickHeaderRow(first, nextFilled);
  header = picked.header.cells.map((c) => cellText(c).trim());
  const headerRow = picked.header.row;
  let held = picked.held;
  const totals = new SkippedTotals();
  let done = false;
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    void rows.return(undefined);
    zip.close();
  };
  return {
    format: 'xlsx',
    encoding: null,
    delimiter: null,
    sheet: chosen,
    sheets,
    fileSize,
    header,
    headerRow,
    async *records(): AsyncGenerator<SourceRecord> {
      const rows = held;
      held = [];
      yield* rows;
      for (;;) {
        const r = await next();
        if (r.done) break;
        if (isEmptyRow(r.value.cells)) continue;
        if (isTotalRow(r.value.cells)) {
          totals.note(r.value.row, r.value.cells);
          continue;
        }
        yield { row: r.value.row, cells: r.value.cells };
      }
      done = true;
    },
    skipped: () => totals.report(picked.titles),
    // Progress: the share of the sheet part unpacked so far, scaled to the file's size.
    bytesRead: () => (done ? digest.bytes : Math.min(digest.bytes, Math.floor((digest.bytes * unpacked) / sheetBytes))),
    sha256: () => digest.sha256,
    close,
  };
}

