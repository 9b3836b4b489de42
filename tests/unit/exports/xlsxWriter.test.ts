import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sheetName, writeXlsx, xlsxCell } from '../../../electron/domain/exports/xlsxWriter';
import { tempDir } from '../../helpers/workspace';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});
const dir = () => {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
};

async function read(path: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

describe('xlsxWriter', () => {
  it('writes formula-looking text and headers as typed text cells exactly as given (never a formula, no apostrophe), keeps numbers and money as numbers', async () => {
    const rows = [
      { name: '=HYPERLINK("http://evil","点我")', ref: '+86 1234', note: '-2+3', amount: -123456, qty: 3, on: '2025-03-31' },
      { name: '@SUM(A1:A2)', ref: '\tcmd', note: '\rline', amount: 5, qty: -1, on: null },
      { name: '华东渠道 A', ref: 'SO-1', note: 'plain', amount: 100, qty: 0, on: '2024-02-29' },
    ];
    const path = join(dir(), 'out', 'list.xlsx');
    const r = await writeXlsx(path, [
      {
        name: 'Payouts: Q1/2025 [draft]',
        columns: [
          { header: '=名称', value: (x: (typeof rows)[number]) => x.name },
          { header: 'Ref', value: (x) => x.ref },
          { header: 'Note', value: (x) => x.note },
          { header: '金额', value: (x) => x.amount, kind: 'money' },
          { header: 'Qty', value: (x) => x.qty, kind: 'integer' },
          { header: 'On', value: (x) => x.on, kind: 'date' },
        ],
        rows,
      },
    ]);
    expect(r.rows).toBe(3);
    expect(existsSync(`${path}.partial`)).toBe(false);
    const wb = await read(path);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('Payouts  Q1 2025  draft');
    expect(ws.getCell('A1').value).toBe('=名称');
    expect(ws.getCell('A2').value).toBe('=HYPERLINK("http://evil","点我")');
    expect(ws.getCell('B2').value).toBe('+86 1234');
    expect(ws.getCell('C2').value).toBe('-2+3');
    expect(ws.getCell('A3').value).toBe('@SUM(A1:A2)');
    expect(ws.getCell('B3').value).toBe('\tcmd');
    expect(ws.getCell('C3').value).toMatch(/^[\r\n]line$/); // XML turns a stored CR into LF on reading
    for (const a of ['A1', 'A2', 'B2', 'C2', 'A3', 'B3']) expect(ws.getCell(a).type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('A4').value).toBe('华东渠道 A');
    expect(ws.getCell('D2').value).toBe(-1234.56);
    expect(ws.getCell('D2').numFmt).toContain('0.00');
    expect(ws.getCell('E3').value).toBe(-1);
    expect((ws.getCell('F2').value as Date).toISOString().slice(0, 10)).toBe('2025-03-31');
    expect(ws.getCell('F3').value).toBeNull();
    ws.eachRow((row) => row.eachCell((c) => expect(c.type).not.toBe(ExcelJS.ValueType.Formula)));
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('any string survives a round trip unchanged, as a text cell', async () => {
    const values = fc.sample(fc.string({ maxLength: 30, unit: 'grapheme' }), { numRuns: 300, seed: 3 }).filter((s) => ![...s].some((ch) => { const c = ch.codePointAt(0)!; return (c < 0x20 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffe || c === 0xffff; })); // not representable in XML
    const path = join(dir(), 'strings.xlsx');
    await writeXlsx(path, [{ name: 's', columns: [{ header: 'v', value: (v: string) => v }], rows: values }]);
    const ws = (await read(path)).worksheets[0];
    values.forEach((v, i) => {
      const got = ws.getCell(i + 2, 1).value;
      const expected = v === '' ? null : v;
      if (expected === null) expect(got === null || got === '').toBe(true);
      else expect(String(got).replace(/\r\n?/g, '\n')).toBe(expected.replace(/\r\n?/g, '\n'));
    });
  });

  it('streams many rows and several sheets with unique valid names', async () => {
    const path = join(dir(), 'big.xlsx');
    const gen = function* () {
      for (let i = 0; i < 20000; i++) yield { i, minor: i * 101 - 5000 };
    };
    const r = await writeXlsx(path, [
      { name: 'data', columns: [{ header: 'i', value: (x: { i: number; minor: number }) => x.i, kind: 'integer' }, { header: 'amount', value: (x) => x.minor, kind: 'money' }], rows: gen() },
      { name: 'DATA', columns: [{ header: 'x', value: (x: number) => x }], rows: [1] },
    ]);
    expect(r.rows).toBe(20001);
    const wb = await read(path);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['data', 'DATA-2']);
    const ws = wb.worksheets[0];
    expect(ws.rowCount).toBe(20001);
    let sum = 0;
    ws.eachRow((row, n) => n > 1 && (sum += Math.round((row.getCell(2).value as number) * 100)));
    expect(sum).toBe(Array.from({ length: 20000 }, (_, i) => i * 101 - 5000).reduce((a, b) => a + b, 0));
  });

  it('refuses fractional minor units and drops non-finite numbers', () => {
    expect(() => xlsxCell(1.5, 'money')).toThrow(/minor units/);
    expect(xlsxCell(Number.NaN, 'number')).toBeNull();
    expect(sheetName('a'.repeat(40))).toHaveLength(31);
    expect(sheetName('[]')).toBe('Sheet');
  });
});
