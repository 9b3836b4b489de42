import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { errorText } from '../../../shared/errorMessages';
import { IMPORT_FIELD_WORDS, IMPORT_MESSAGES, importErrorText, type ImportMessageLanguage } from '../../../shared/importMessages';
import type { ApiError } from '../../../shared/errors';
import { memoryApi, tempDir } from '../../helpers/workspace';
import { failure, seedPartners, writeFile, type ErrorData } from './importFixtures';
import { writeXlsx } from './xlsxFixtures';
import zhImports from '../../../renderer/src/i18n/zh-CN/imports.json';
import enImports from '../../../renderer/src/i18n/en/imports.json';

/**
 * The import's last English texts (issue 11, "Words on screen"): files refused as a whole, the grouped unknown
 * territory / channel manager line and rows refused only when written carry a code and its parameters, and every
 * surface words them in the reader's language.
 */
const tmp = tempDir('pwb-import-refusal-language-');
afterAll(() => tmp.cleanup());

/**
 * Latin words left in a Chinese text once the file's own names and values (quoted “…”, file names) and the names of
 * formats and encodings people know by those names are taken out: there must be none.
 */
const KNOWN_NAMES = /\b(?:DD|MM|YY|YYYY|CNY|USD)\b|UTF-8|UTF-16 [LB]E|GB18030|\bU\+[0-9A-F]{4}\b|\bMiB\b|\bExcel\b|\bWPS\b|\bLibreOffice\b|\bOpenDocument\b|\bXLSX\b|\bCSV\b|\.xlsx|\.xls|\.et|\.ods/g;
function latinWords(text: string, fileNames: readonly string[] = []): string[] {
  let t = text.replace(/“[^”]*”/g, '');
  for (const f of fileNames) t = t.replaceAll(f, '');
  t = t.replace(KNOWN_NAMES, '');
  return t.match(/[A-Za-z]{2,}/g) ?? [];
}
const hasChinese = (t: string) => /[\u4e00-\u9fff]/.test(t);

/** The refusal as the window's error banner and the CLI say it, in each language, with its row errors. */
function words(e: ApiError, lang: ImportMessageLanguage) {
  const data = e.body.data as ErrorData;
  return { banner: errorText(e.body, lang), errors: data.errors.map((x) => importErrorText(x, lang)), data };
}

function expectChinese(e: ApiError, fileNames: string[]) {
  const zh = words(e, 'zh-CN');
  for (const t of [zh.banner, ...zh.errors]) {
    expect(hasChinese(t), t).toBe(true);
    expect(latinWords(t, fileNames), t).toEqual([]);
  }
  // Every row error carries a code (no English text left to show as raised).
  expect(zh.data.errors.filter((x) => !x.code)).toEqual([]);
  const en = words(e, 'en');
  for (const t of [en.banner, ...en.errors]) {
    let rest = t.replace(/“[^”]*”|'[^']*'/g, '');
    for (const f of fileNames) rest = rest.replaceAll(f, '');
    expect(hasChinese(rest), t).toBe(false);
  }
  return { zh, en, data: zh.data };
}

describe('files refused as a whole, in the reader language', () => {
  it('empty, header only, no rows, binary, undecodable bytes, a bad quote, an unknown encoding', async () => {
    const { ws, api } = memoryApi();
    await seedPartners(api);
    const cases: Array<{ name: string; content: string | Buffer; zh: RegExp; input?: Record<string, unknown> }> = [
      { name: 'empty.csv', content: '', zh: /文件是空的/ },
      { name: 'blank.csv', content: '\r\n\r\n', zh: /文件中没有任何行/ },
      { name: 'header.csv', content: 'Partner Code,Order Date,Sales\r\n', zh: /表头之后没有数据行/ },
      { name: 'binary.csv', content: Buffer.from([0x50, 0x31, 0x2c, 0x00, 0x01, 0x02, 0x03, 0x0a, 0x00, 0x00]), zh: /二进制或无法解码的内容/ },
      {
        // A damaged tail after the first 64 KB the sniffer reads: refused at the cell, naming row and column.
        name: 'damaged.csv',
        content: `Partner Code,Order Date,Sales,Customer\r\n${'P001,2024-01-02,10,ok\r\n'.repeat(3100)}P001,2024-01-02,10,ab\u0000cd\r\n`,
        zh: /第 3102 行，列“Customer”：第 3 个字符是控制字符/,
      },
      { name: 'quote.csv', content: 'Partner Code,Order Date,Sales\r\nP001,2024-01-02,"10\r\n', zh: /带引号的字段没有结束引号/ },
      { name: 'encoding.csv', content: 'Partner Code,Order Date,Sales\r\nP001,2024-01-02,10\r\n', zh: /未知的编码“latin9”/, input: { encoding: 'latin9' } },
    ];
    for (const c of cases) {
      const path = writeFile(tmp.dir, c.name, c.content);
      const e = await failure(api.send('imports.run', { kind: 'sales', path, acceptValid: true, ...(c.input ?? {}) }));
      const { zh, en } = expectChinese(e, [c.name]);
      expect(zh.banner, c.name).toMatch(c.zh);
      // The English words are the ones the logs keep (the error's message).
      expect(en.errors[0], c.name).toBe(e.body.data && (e.body.data as ErrorData).errors[0].message);
    }
    ws.close();
  });

  it('missing required columns and a mapping naming columns the file lacks', async () => {
    const { ws, api } = memoryApi();
    const path = writeFile(tmp.dir, 'cols.csv', 'Kunde,Betrag\r\nP001,10\r\n');
    const e = await failure(api.send('imports.run', { kind: 'sales', path }));
    const { zh, en } = expectChinese(e, ['cols.csv', 'Kunde', 'Betrag']);
    // Fields by their labels, not their names in the mapping (partnerCode).
    expect(zh.banner).toMatch(/必填字段伙伴编码、日期、金额的列/);
    expect(en.banner).toMatch(/no column for the required fields partnerCode, date, amount/);
    const mapped = await failure(api.send('imports.run', { kind: 'sales', path, mapping: { kind: 'sales', columns: { partnerCode: 'Kunde', date: 'Datum', amount: 'Betrag' } } }));
    expect(expectChinese(mapped, ['cols.csv', 'Kunde', 'Betrag']).zh.banner).toMatch(/文件中没有列“Datum”（映射给日期/);
    ws.close();
  });

  it('workbooks: an unknown sheet, an empty sheet, beyond a limit, not a workbook at all', async () => {
    const { ws, api } = memoryApi();
    const book = `${tmp.dir}/book.xlsx`;
    await writeXlsx(book, { sheets: [{ name: '数据', rows: [['Partner Code', 'Order Date', 'Sales'], ['P001', '2024-01-02', 10]] }, { name: 'Leer', rows: [] }] });
    const sheet = await failure(api.send('imports.run', { kind: 'sales', path: book, sheet: '销售' }));
    expect(expectChinese(sheet, ['book.xlsx', 'Leer', '数据']).zh.banner).toBe('book.xlsx：没有名为“销售”的工作表（工作表：数据、Leer）');
    const empty = await failure(api.send('imports.run', { kind: 'sales', path: book, sheet: 'Leer' }));
    expect(expectChinese(empty, ['book.xlsx', 'Leer']).zh.banner).toBe('book.xlsx，工作表“Leer”，第 1 行：工作表中没有任何行（工作表是空的）');
    const broken = writeFile(tmp.dir, 'broken.xlsx', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64, 7)]));
    expect(expectChinese(await failure(api.send('imports.run', { kind: 'sales', path: broken })), ['broken.xlsx']).zh.banner).toMatch(/不是可读取的 XLSX 工作簿/);
    const legacy = writeFile(tmp.dir, 'broken.xls', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), Buffer.alloc(600, 1)]));
    expectChinese(await failure(api.send('imports.run', { kind: 'sales', path: legacy })), ['broken.xls']);
    ws.close();
  });

  it('a limit of the workbook reader is worded by its code in both languages', () => {
    // Each limit the reader enforces (too many rows, a cell too long, shared strings…) has words in both languages.
    for (const [code, params] of [
      ['tooManyRows', { max: 1048576 }],
      ['cellTooLong', { max: 32767 }],
      ['tooManySharedStrings', { max: 5000000 }],
      ['sheetTooLarge', { mib: 3000, limitMib: 2048 }],
      ['legacyTooLarge', { format: 'xls', mib: 200, limitMib: 128 }],
    ] as const) {
      const zh = importErrorText({ message: '', code, params }, 'zh-CN');
      expect(latinWords(zh), zh).toEqual([]);
      expect(importErrorText({ message: '', code, params }, 'en')).not.toMatch(/[\u4e00-\u9fff]/);
    }
    expect(importErrorText({ message: '', code: 'tooManyRows', params: { max: 1048576 } }, 'zh-CN')).toBe('工作表超过 1,048,576 行（上限）：请把数据分成几个文件导入');
  });
});

describe('row errors raised while writing, and the grouped unknown values', () => {
  it('a risk the register refuses when written names its field and reads in Chinese; the refusal names the first row in Chinese', async () => {
    const { ws, api } = memoryApi();
    const path = writeFile(
      tmp.dir,
      'risks.csv',
      'Title,Category,Likelihood,Impact,Residual Likelihood,Residual Impact\r\n' +
        '供货中断,operational,2,2,5,5\r\n' + // residual above inherent: refused by the register when written
        '账期拉长,credit,3,3,2,\r\n', // one residual without the other
    );
    const mapping = { kind: 'risks' as const, columns: { title: 'Title', category: 'Category', likelihood: 'Likelihood', impact: 'Impact', residualLikelihood: 'Residual Likelihood', residualImpact: 'Residual Impact' } };
    // Accepting the valid rows, every row is written, so both are refused by the register, each with its code.
    const accepted = await api.send('imports.run', { kind: 'risks', path, mapping, acceptValid: true, language: 'zh-CN' });
    expect(accepted.errors.map((x) => [x.code, x.column])).toEqual([
      ['residualAboveInherent', 'Residual Likelihood'],
      ['residualPair', 'Residual Impact'],
    ]);
    expect(accepted.errors.map((x) => importErrorText(x, 'zh-CN'))).toEqual(['剩余风险分值不能高于固有风险分值', '剩余可能性和剩余影响程度须同时填写（或都不填）']);
    expect(readFileSync(accepted.rejectedFile!, 'utf8')).toContain('Residual Likelihood: 剩余风险分值不能高于固有风险分值');
    // All or nothing: the first refusal names the row in the reader's language.
    await api.send('imports.undo', { id: accepted.importId });
    const e = await failure(api.send('imports.run', { kind: 'risks', path, mapping, force: true }));
    const { zh, en } = expectChinese(e, ['risks.csv']);
    expect(en.errors[0]).toBe('The residual score cannot be higher than the inherent score');
    expect(zh.banner).toMatch(/第一处：risks\.csv，第 2 行，列“Residual Likelihood”，值“5”：剩余风险分值不能高于固有风险分值$/);
    ws.close();
  });

  it('each unknown territory and channel manager once, with its row count, in both languages', async () => {
    const { ws, api } = memoryApi();
    const path = writeFile(tmp.dir, 'partners.csv', 'code,name,channelType,region,owner\r\nQ1,甲,dealer,西域,无名氏\r\nQ2,乙,dealer,西域,\r\nQ3,丙,dealer,华东,\r\n');
    const e = await failure(api.send('imports.run', { kind: 'partners', path }));
    const { zh, en, data } = expectChinese(e, ['partners.csv']);
    expect(data.errors.filter((x) => x.code === 'unknownValueRows').map((x) => x.params)).toEqual([
      { what: 'territory', value: '西域', rows: 2 },
      { what: 'channelManager', value: '无名氏', rows: 1 },
    ]);
    expect(zh.errors).toContain('未知的区域“西域”（2 行）：请改为已有的区域，或新建');
    expect(zh.errors).toContain('未知的渠道经理“无名氏”（1 行）：请改为已有的渠道经理，或新建');
    expect(en.errors).toContain("unknown territory '西域' (2 rows): map it to an existing one, or create it");
    // CLI flags are the command line's advice (it adds them), never the window's.
    for (const t of [...zh.errors, ...en.errors, zh.banner, en.banner]) expect(t).not.toMatch(/--create/);
    ws.close();
  });
});

describe('the words themselves', () => {
  it('every import message has both languages, and the Chinese one has no English word', () => {
    const samples: Record<string, unknown> = { field: 'partnerCode', fields: ['partnerCode', 'amount'], kind: 'sales', mapping: 'targets', expected: 'sales', what: 'territory', format: 'xls', encoding: 'gb18030', why: 'missing' };
    const english: string[] = [];
    for (const [code, entry] of Object.entries(IMPORT_MESSAGES)) {
      const zh = entry['zh-CN'](code === 'fieldCount' ? { fields: 7, header: 6 } : samples);
      if (!hasChinese(zh) || latinWords(zh).length) english.push(`${code}: ${zh}`);
      expect(entry.en(samples).length, code).toBeGreaterThan(0);
    }
    expect(english).toEqual([]);
  });

  it('the field words are the wizard’s own labels', () => {
    for (const [field, [zh, en]] of Object.entries(IMPORT_FIELD_WORDS)) {
      expect((zhImports.fields as Record<string, string>)[field], field).toBe(zh);
      expect((enImports.fields as Record<string, string>)[field], field).toBe(en);
    }
    expect(Object.keys(IMPORT_FIELD_WORDS).sort()).toEqual(Object.keys(zhImports.fields).sort());
  });
});

describe('the rejected-rows file without a language from the caller', () => {
  it('is worded in the workspace language the window saved (ui.language), Chinese when none is saved', async () => {
    const { ws, api } = memoryApi();
    await seedPartners(api);
    const csv = (ref: string) => `Partner Code,Order Date,Order ID,Sales\r\nP001,2024-01-02,${ref}-1,10\r\nP404,2024-01-02,${ref}-2,5\r\n`;
    const none = await api.send('imports.run', { kind: 'sales', path: writeFile(tmp.dir, 'none.csv', csv('N')), acceptValid: true });
    expect(readFileSync(none.rejectedFile!, 'utf8')).toContain('Partner Code: 未知的伙伴编码“P404”（请先导入渠道伙伴）');
    await api.send('system.settings.set', { key: 'ui.language', value: 'en' });
    const en = await api.send('imports.run', { kind: 'sales', path: writeFile(tmp.dir, 'en-saved.csv', csv('E')), acceptValid: true });
    expect(readFileSync(en.rejectedFile!, 'utf8')).toContain("Partner Code: unknown partner code 'P404' (import the partners first)");
    // A caller's own language wins over the saved one.
    const zh = await api.send('imports.run', { kind: 'sales', path: writeFile(tmp.dir, 'zh-asked.csv', csv('Z')), acceptValid: true, language: 'zh-CN' });
    expect(readFileSync(zh.rejectedFile!, 'utf8')).toContain('未知的伙伴编码“P404”');
    ws.close();
  });
});

describe('errors stored with an import', () => {
  it('keep their code and parameters, so the history reads in either language', async () => {
    const { ws, api } = memoryApi();
    await seedPartners(api);
    const path = writeFile(tmp.dir, 'stored.csv', 'Partner Code,Order Date,Order ID,Sales\r\nP001,2024-01-02,S-1,10\r\nP404,2024-01-02,S-2,5\r\nP002,2024-02-30,S-3,5\r\n');
    const r = await api.send('imports.run', { kind: 'sales', path, acceptValid: true, language: 'en' });
    const got = await api.send('imports.get', { id: r.importId });
    expect(got.errors.map((e) => [e.row, e.code, e.params])).toEqual([
      [3, 'unknownPartner', { code: 'P404', alike: [] }],
      [4, 'noSuchDay', { day: 30, month: '2024-02' }],
    ]);
    expect(got.errors.map((e) => importErrorText(e, 'zh-CN'))).toEqual(['未知的伙伴编码“P404”（请先导入渠道伙伴）', '2024-02 没有第 30 日']);
    ws.close();
  });
});
