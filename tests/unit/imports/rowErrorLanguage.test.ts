import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { importErrorText } from '../../../shared/importMessages';
import { memoryApi, tempDir } from '../../helpers/workspace';
import { failure, seedPartners, writeFile, type ErrorData } from './importFixtures';

/**
 * Every row error an import raises carries a code and its parameters and reads in the reader's language: a Chinese
 * run's rejected-rows file and error list hold no English (issue 11).
 */
const tmp = tempDir('pwb-row-error-language-');
afterAll(() => tmp.cleanup());

// English words the old messages used; a Chinese text may still quote the file's own values and codes.
const ENGLISH = /\b(?:unknown|partner|required|empty|not a|number|date|does not exist|out of range|negative|amount|quantity|expected|deleted|characters)\b/i;

const BAD_SALES =
  'Partner Code,Order Date,Order ID,Product,Quantity,Sales\r\n' +
  'P001,2024-01-02,SO-1,A,1,10\r\n' + // good
  'P404,2024-01-02,SO-2,A,1,5\r\n' + // unknown partner
  'p001,2024-01-02,SO-3,A,1,5\r\n' + // unknown, resembles P001
  'P002,2024-13-01,SO-4,A,1,30\r\n' + // month 13
  'P002,1800-01-01,SO-5,A,1,30\r\n' + // year out of range
  'P003,2024-02-30,SO-6,A,1,30\r\n' + // no such day
  'P003,2024-03-01,SO-7,A,-1,30\r\n' + // return signs
  'P003,2024-03-01,SO-8,A,x,30\r\n' + // not a number
  ',2024-03-01,SO-9,A,1,30\r\n' + // required
  'P001,someday,SO-10,A,1,50%\r\n'; // not a date, amount as a percentage

describe('import row errors in the reader language', () => {
  it('writes the rejected-rows file of a Chinese run without English, and the English run in English', async () => {
    const { ws, api } = memoryApi();
    await seedPartners(api);
    const zhPath = writeFile(tmp.dir, 'zh.csv', BAD_SALES);
    const zh = await api.send('imports.run', { kind: 'sales', path: zhPath, acceptValid: true, language: 'zh-CN' });
    expect(zh.inserted).toBe(1);
    expect(zh.rejected).toBe(9);
    const zhErrors = readFileSync(zh.rejectedFile!, 'utf8')
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((l) => l.slice(l.lastIndexOf(',') + 1));
    expect(zhErrors).toHaveLength(9);
    // The file's own column headers name where: the words about them are Chinese.
    const HEADERS = /Partner Code|Order Date|Order ID|Product|Quantity|Sales/g;
    for (const line of zhErrors) expect(line.replace(HEADERS, ''), line).not.toMatch(ENGLISH);
    const zhFile = readFileSync(zh.rejectedFile!, 'utf8');
    // The file's own headers as they were, the added error column's header in the run's language.
    expect(zhFile.slice(1).split('\r\n')[0]).toBe('Partner Code,Order Date,Order ID,Product,Quantity,Sales,错误');
    expect(zhFile).toContain('未知的伙伴编码“P404”');
    expect(zhFile).toContain('是否为 “P001”');
    expect(zhFile).toContain('月份 13 不存在');
    // Every error the run returns carries a code.
    expect(zh.errors.filter((e) => !e.code)).toEqual([]);

    const enPath = writeFile(tmp.dir, 'en.csv', BAD_SALES.replaceAll('SO-', 'EN-'));
    const en = await api.send('imports.run', { kind: 'sales', path: enPath, acceptValid: true, language: 'en' });
    const enFile = readFileSync(en.rejectedFile!, 'utf8');
    expect(enFile.slice(1).split('\r\n')[0]).toBe('Partner Code,Order Date,Order ID,Product,Quantity,Sales,error');
    expect(enFile).toContain("unknown partner code 'P404' (import the partners first)");
    expect(enFile).toContain('month 13 does not exist');
    expect(enFile.replaceAll('2024年3月5日', '')).not.toMatch(/[\u4e00-\u9fff]/); // the date example quotes how people write it
    ws.close();
  });

  it('an all-or-nothing refusal lists every row error with its code, worded in Chinese for the wizard', async () => {
    const { ws, api } = memoryApi();
    await seedPartners(api);
    const path = writeFile(tmp.dir, 'refused.csv', BAD_SALES);
    const e = await failure(api.send('imports.run', { kind: 'sales', path }));
    const errors = (e.body.data as ErrorData).errors;
    expect(errors.length).toBe(10); // the last row has two
    for (const err of errors) {
      expect(err.code, err.message).toBeTruthy();
      const text = importErrorText(err, 'zh-CN');
      expect(text, text).not.toMatch(ENGLISH);
    }
    ws.close();
  });
});
