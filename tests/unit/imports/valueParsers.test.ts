import { describe, expect, it } from 'vitest';
import { detectDelimiter, detectEncoding } from '../../../electron/domain/imports/fileSniffer';
import { suggestColumns } from '../../../electron/domain/imports/headerMatcher';
import { KINDS } from '../../../electron/domain/imports/kinds';
import { parsePeriodCell } from '../../../electron/domain/imports/kinds/targets';
import { excelSerialToDate, parseBoolean, parseDate, parseDecimal, parseMoney } from '../../../electron/domain/imports/valueParsers';

describe('imports: value parsers', () => {
  it('numbers as spreadsheets write them', () => {
    expect(parseDecimal('1,234,567.89')).toBe('1234567.89');
    expect(parseDecimal('¥1,234.50')).toBe('1234.5');
    expect(parseDecimal('￥ 88')).toBe('88');
    expect(parseDecimal('$-12.5')).toBe('-12.5');
    expect(parseDecimal('-$12.5')).toBe('-12.5');
    expect(parseDecimal('(1,000.00)')).toBe('-1000');
    expect(parseDecimal('100-')).toBe('-100');
    expect(parseDecimal('12.5%')).toBe('0.125');
    expect(parseDecimal('-0.5%')).toBe('-0.005');
    expect(parseDecimal('１２３．５')).toBe('123.5');
    expect(parseDecimal('1.2E+05')).toBe('120000');
    expect(parseDecimal('3.5e-3')).toBe('0.0035');
    expect(parseDecimal('1 234')).toBe('1234');
    expect(parseDecimal('RMB 5元')).toBe('5');
    expect(parseDecimal(1234.5)).toBe('1234.5');
    expect(parseDecimal('')).toBeNull();
    for (const bad of ['1,23', '12,3456', 'abc', '1.2.3', '--1', '1e', '%']) expect(() => parseDecimal(bad), bad).toThrow();
  });

  it('money is rounded once, half away from zero', () => {
    expect(parseMoney('1.005')).toBe(101);
    expect(parseMoney('-1.005')).toBe(-101);
    expect(parseMoney('1.0049999')).toBe(100);
    expect(parseMoney('(2.675)')).toBe(-268);
    expect(parseMoney(0.125)).toBe(13);
    expect(parseMoney('1,000,000.005')).toBe(100000001);
    expect(() => parseMoney('5%')).toThrow(/percentage/);
  });

  it('dates: unambiguous forms directly, day/month-first only with a format', () => {
    expect(parseDate('2024-03-05', null)).toBe('2024-03-05');
    expect(parseDate('2024/3/5', null)).toBe('2024-03-05');
    expect(parseDate('2024.3.5', null)).toBe('2024-03-05');
    expect(parseDate('2024年3月5日', null)).toBe('2024-03-05');
    expect(parseDate('20240305', null)).toBe('2024-03-05');
    expect(parseDate('2024-03-05 13:45:00', null)).toBe('2024-03-05');
    expect(parseDate('45356', null)).toBe('2024-03-05');
    expect(parseDate(45356.75, null)).toBe('2024-03-05');
    expect(() => parseDate('05/03/24', null)).toThrow(/ambiguous/);
    expect(parseDate('05/03/24', 'DD/MM/YY')).toBe('2024-03-05');
    expect(parseDate('05/03/24', 'MM/DD/YY')).toBe('2024-05-03');
    expect(parseDate('12/31/1999', 'MM/DD/YYYY')).toBe('1999-12-31');
    expect(parseDate('1/2/69', 'DD/MM/YY')).toBe('2069-02-01');
    expect(parseDate('1/2/70', 'DD/MM/YY')).toBe('1970-02-01');
    expect(() => parseDate('31/02/2024', 'DD/MM/YYYY')).toThrow(/day 31/);
    expect(() => parseDate('2023-02-29', null)).toThrow(/day 29/);
    expect(parseDate('2024-02-29', null)).toBe('2024-02-29');
    expect(() => parseDate('March 5', null)).toThrow(/not a date/);
  });

  it('Excel serials follow the 1900 system with its phantom 29 Feb 1900', () => {
    expect(excelSerialToDate(1)).toBe('1900-01-01');
    expect(excelSerialToDate(59)).toBe('1900-02-28');
    expect(() => excelSerialToDate(60)).toThrow(/29 Feb 1900/);
    expect(excelSerialToDate(61)).toBe('1900-03-01');
    expect(excelSerialToDate(45292)).toBe('2024-01-01');
    expect(() => excelSerialToDate(0)).toThrow();
  });

  it('yes/no values', () => {
    for (const t of ['是', 'Y', 'yes', 'TRUE', '1', '通过', 1, true]) expect(parseBoolean(t as never)).toBe(true);
    for (const f of ['否', 'n', 'No', 'false', '0', '未通过', 0, false]) expect(parseBoolean(f as never)).toBe(false);
    expect(() => parseBoolean('maybe')).toThrow();
  });

  it('periods', () => {
    expect(parsePeriodCell('2024Q1')).toBe('2024-Q1');
    expect(parsePeriodCell('2024 q3')).toBe('2024-Q3');
    expect(parsePeriodCell('2024年第二季度')).toBe('2024-Q2');
    expect(parsePeriodCell('2024年下半年')).toBe('2024-H2');
    expect(parsePeriodCell('2024年3月')).toBe('2024-03');
    expect(parsePeriodCell('2024/3')).toBe('2024-03');
    expect(parsePeriodCell(2024)).toBe('2024');
    expect(parsePeriodCell(45352)).toBe('2024-03');
    expect(() => parsePeriodCell('2024-13')).toThrow();
  });

  it('encoding and delimiter detection', () => {
    expect(detectEncoding(Buffer.from('a,b\n1,2\n'))).toEqual({ encoding: 'utf8', bomLength: 0 });
    expect(detectEncoding(Buffer.from([0xd6, 0xd0, 0xce, 0xc4]))).toEqual({ encoding: 'gb18030', bomLength: 0 }); // 中文 in GBK
    expect(detectEncoding(Buffer.from('a\u0000,\u0000b\u0000\n\u0000', 'latin1')).encoding).toBe('utf16le');
    expect(detectDelimiter('a;b;c\n1;2,5;3\n')).toBe(';');
    expect(detectDelimiter('a\tb\n"x\ty"\tz\n')).toBe('\t');
    expect(detectDelimiter('"a,b";c;d\n1;2;3\n')).toBe(';');
    expect(detectDelimiter('single\nvalue\n')).toBe(',');
  });

  it('headers match in Chinese and English with synonyms, width and case', () => {
    const fields = KINDS.sales.fields;
    expect(suggestColumns(fields, ['经销商编码', '订单日期', '销售额'])).toEqual({ partnerCode: '经销商编码', date: '订单日期', amount: '销售额' });
    expect(suggestColumns(fields, ['partner_code', 'ORDER DATE', 'Sales', 'Row ID'])).toEqual({ partnerCode: 'partner_code', date: 'ORDER DATE', amount: 'Sales', lineRef: 'Row ID' });
    expect(suggestColumns(fields, ['合作伙伴代码', '日期（下单）', 'Ｓａｌｅｓ'])).toMatchObject({ partnerCode: '合作伙伴代码', amount: 'Ｓａｌｅｓ' });
    expect(suggestColumns(KINDS.partners.fields, ['Partner Code', '名称', '渠道类型'])).toEqual({ code: 'Partner Code', name: '名称', channelType: '渠道类型' });
  });
});

describe('imports: occurrence counter for content-hashed duplicates', () => {
  it('counts identical hashes; hashes sharing a slot or a prefix are counted separately; survives growth', async () => {
    const { occurrenceCounter, contentHash } = await import('../../../electron/domain/imports/kinds/kind');
    const next = occurrenceCounter();
    const a = '0123456789abcdef0123456789abcdef';
    const b = '01234567' + 'ffffffff' + 'ffffffff' + '00000000'; // same first 32 bits (same slot), different key
    expect([next(a), next(a), next(b), next(a), next(b), next('f'.repeat(32))]).toEqual([0, 1, 0, 2, 1, 0]);
    // 200k distinct hashes (several doublings), then each again: every second sight is index 1.
    const hashes = Array.from({ length: 200_000 }, (_, i) => contentHash(`row ${i}`));
    expect(hashes.every((h) => next(h) === 0)).toBe(true);
    expect(hashes.every((h) => next(h) === 1)).toBe(true);
    expect(next(a)).toBe(3);
  });
});
