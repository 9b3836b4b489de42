import { describe, expect, it } from 'vitest';
import { csvLine, toCsv, UTF8_BOM } from '../../../electron/domain/exports/csvWriter';
import { safeCell } from '../../../electron/domain/exports/safeCell';

describe('safe exports', () => {
  it('neutralises formula injection in text cells only', () => {
    for (const bad of ['=1+1', '+86 138', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd']) expect(safeCell(bad)).toBe(`'${bad}`);
    expect(safeCell('华东 =ok')).toBe('华东 =ok');
    expect(safeCell(-12.5)).toBe(-12.5);
    expect(safeCell(null)).toBeNull();
  });
  it('writes CSV with BOM, CRLF and quoting', () => {
    const csv = toCsv(['a', 'b'], [['x,y', 'say "hi"'], ['=HYPERLINK("x")', 3]]);
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(csv).toBe(`${UTF8_BOM}a,b\r\n"x,y","say ""hi"""\r\n"'=HYPERLINK(""x"")",3\r\n`);
    expect(csvLine(['多行\n文本'])).toBe('"多行\n文本"\r\n');
  });
});
