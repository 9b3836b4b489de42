import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSource } from '../../../electron/domain/imports/openSource';
import { ImportFailure } from '../../../electron/domain/imports/importFailure';
import { CsvTokenizer } from '../../../electron/domain/imports/csvTokenizer';
import { recordBatches, type RecordSource } from '../../../electron/domain/imports/recordSource';
import { tempDir } from '../../helpers/workspace';
import { writeFile } from './importFixtures';

/**
 * A CSV file is read 1 MB at a time and each decoded chunk is tokenized a piece at a time (csvSource.ts), so records
 * cross piece and chunk boundaries everywhere in a large file. Whatever the boundaries, the rows, their row numbers and
 * the refusals are those of the whole text tokenized at once.
 */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const CELLS = ['P001', '2024-03-05', '"1,234.50"', '"multi\r\nline ""quoted"" text"', '华东区 经销商', '', 'x'.repeat(40), '"a,b"', '12', '"中文，带逗号"'];

/** A file of `rows` data rows (a header first), cells picked at random, CRLF line ends. */
function bigCsv(rows: number, seed: number): string {
  const r = rng(seed);
  const lines = ['a,b,c,d,e'];
  for (let i = 0; i < rows; i++) lines.push(Array.from({ length: 5 }, () => CELLS[Math.floor(r() * CELLS.length)]).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** The oracle: the whole text at once; data rows with their spreadsheet row numbers (empty rows skipped). */
function whole(text: string): Array<{ row: number; cells: string[] }> {
  const t = new CsvTokenizer(',', 1_000_000);
  const records = [...t.push(text, false), ...t.push('', true)];
  return records.slice(1).map((cells, i) => ({ row: i + 2, cells })).filter((r) => r.cells.some((c) => c.trim() !== ''));
}

async function readAll(src: RecordSource) {
  const out: Array<{ row: number; cells: unknown[] }> = [];
  for await (const batch of recordBatches(src)) for (const rec of batch) out.push({ row: rec.row, cells: rec.cells });
  return out;
}

async function refusal(src: RecordSource): Promise<ImportFailure> {
  try {
    await readAll(src);
  } catch (e) {
    if (e instanceof ImportFailure) return e;
    throw e;
  }
  throw new Error('expected the file to be refused');
}

describe('imports: a large CSV read in pieces reads as the whole text', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.cleanup());

  it('2.5 MB of rows with quoted line breaks, commas and Chinese: the same rows and row numbers', async () => {
    const text = bigCsv(60_000, 7);
    expect(text.length).toBeGreaterThan(2_000_000);
    const src = await openSource(writeFile(tmp.dir, 'big.csv', text));
    const rows = await readAll(src);
    src.close();
    const expected = whole(text);
    expect(rows.length).toBe(expected.length);
    expect(rows).toEqual(expected);
  });

  it('without a line break at the end, and with empty lines between: the same rows', async () => {
    const text = bigCsv(20_000, 11).replace(/\r\nP001,/g, '\r\n\r\nP001,').replace(/\r\n$/, '');
    const src = await openSource(writeFile(tmp.dir, 'noeol.csv', text));
    const rows = await readAll(src);
    src.close();
    expect(rows).toEqual(whole(text));
  });

  it('an unclosed quote in the last row of a large file names that row and column', async () => {
    const text = `${bigCsv(30_000, 3)}P001,2024-03-05,"never closed,x,y\r\n`;
    const src = await openSource(writeFile(tmp.dir, 'open.csv', text));
    const e = await refusal(src);
    src.close();
    // Records before the bad one: the header plus every record of the good part.
    const t = new CsvTokenizer(',', 1_000_000);
    const before = [...t.push(bigCsv(30_000, 3), false), ...t.push('', true)].length;
    expect(e.message).toContain(`open.csv row ${before + 1}, column 'c'`);
  });

  it('a control character far into the file is refused with its row, the rows before it read', async () => {
    const good = bigCsv(40_000, 5);
    const text = `${good}P001,bad\u0001cell,x,y,z\r\nP001,after,x,y,z\r\n`;
    const src = await openSource(writeFile(tmp.dir, 'ctrl.csv', text));
    const seen: number[] = [];
    let err: unknown = null;
    try {
      for await (const batch of recordBatches(src)) for (const rec of batch) seen.push(rec.row);
    } catch (e) {
      err = e;
    }
    src.close();
    const t = new CsvTokenizer(',', 1_000_000);
    const records = [...t.push(good, false), ...t.push('', true)].length;
    expect(err).toBeInstanceOf(ImportFailure);
    expect((err as Error).message).toContain(`ctrl.csv row ${records + 1}, column 'b'`);
    expect(seen).toEqual(whole(good).map((r) => r.row));
  });
  it('UTF-8 read byte-wise (csvSource utf8Cells): a BOM, characters beyond the BMP and Chinese cut by chunk ends read as the decoded text', async () => {
    // Every cell non-ASCII or ASCII at random, 4-byte characters among them, so the 1 MB chunks and 16K pieces cut characters.
    const text = bigCsv(50_000, 13).replace(/华东区/g, '华东区😀𠀀');
    const src = await openSource(writeFile(tmp.dir, 'bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])));
    const rows = await readAll(src);
    src.close();
    expect(src.header).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(rows).toEqual(whole(text));
  });

  it('bytes that are not UTF-8 far into the file are refused with their row and column, as U+FFFD was', async () => {
    const good = bigCsv(40_000, 5);
    const bad = Buffer.concat([Buffer.from(`${good}P001,中`, 'utf8'), Buffer.from([0xe6, 0x41]), Buffer.from(',x,y,z\r\n', 'utf8')]);
    const src = await openSource(writeFile(tmp.dir, 'bad.csv', bad));
    const e = await refusal(src);
    src.close();
    const t = new CsvTokenizer(',', 1_000_000);
    const records = [...t.push(good, false), ...t.push('', true)].length;
    expect(e.message).toContain(`bad.csv row ${records + 1}, column 'b'`);
    expect(e.errors[0]).toMatchObject({ row: records + 1, column: 'b', code: 'badCharacter', params: { what: 'undecodable', at: 2 } });
  });
});
