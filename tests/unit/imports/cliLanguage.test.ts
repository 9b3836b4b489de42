import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../../db/database';
import { createApi } from '../../../electron/api/api';
import { pwb } from '../../helpers/cli';
import { partnerInput, tempDir } from '../../helpers/workspace';
import { writeFile } from './importFixtures';

/**
 * `pwb import`, `pwb imports list|show|undo` speak the reader's language: --lang, else PWB_LANG, else the language
 * the user chose in the window (the workspace's ui.language), else the locale — headers, kinds, statuses, summaries.
 */
const tmp = tempDir('pwb-imports-lang-');
afterAll(() => tmp.cleanup());
const db = join(tmp.dir, 'ws.sqlite');
/** No PWB_LANG; an English locale, so Chinese output can only come from the workspace. */
const ENGLISH_LOCALE = { PWB_LANG: undefined, LC_ALL: undefined, LANG: 'en_US.UTF-8' };
const HAN = /[\u4e00-\u9fff]/;

beforeAll(async () => {
  const ws = openWorkspace(db);
  const api = createApi({ ws, user: 'tester' });
  await api.send('partners.create', partnerInput('P001'));
  await api.send('system.settings.set', { key: 'ui.language', value: 'zh-CN' });
  ws.close();
});

describe('pwb imports in the workspace language', () => {
  it('prints the import, the history table and the undo in Chinese when the window was set to Chinese', () => {
    const file = writeFile(tmp.dir, 'sales.csv', 'Partner Code,Date,Sales\r\nP001,2025-03-01,100.00\r\nP001,2025-03-02,50.00\r\nP009,2025-03-02,50.00\r\n');
    const run = pwb(['import', 'sales', file, '--db', db, '--accept-valid'], ENGLISH_LOCALE);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^导入 1（销售明细，sales\.csv）：读取 3 行，新增 2，更新 0，重复 0，拒绝 1，用时 [\d.]+ 秒$/m);
    expect(run.stdout).toContain('第 4 行');
    expect(run.stdout).toMatch(/^被拒绝的行：.*sales\.rejected-1\.csv$/m);

    const list = pwb(['imports', 'list', '--db', db], ENGLISH_LOCALE);
    expect(list.code, list.stderr).toBe(0);
    const [header, row, total] = list.stdout.trimEnd().split('\n');
    expect(header.split(/\s{2,}/)).toEqual(['导入', '开始时间', '类型', '状态', '文件', '读取行数', '新增', '更新', '重复', '拒绝', '跳过']);
    expect(row.split(/\s{2,}/)).toEqual(['1', expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/), '销售明细', '已导入', 'sales.csv', '3', '2', '0', '0', '1', '0']);
    // Columns line up as a terminal shows them: each header starts where its values start (a Chinese character is two columns wide).
    const width = (s: string) => [...s].reduce((w, ch) => w + (HAN.test(ch) ? 2 : 1), 0);
    expect(width(header.slice(0, header.indexOf('文件')))).toBe(width(row.slice(0, row.indexOf('sales.csv'))));
    expect(total).toBe('共 1 次导入');

    const show = pwb(['imports', 'show', '1', '--db', db], ENGLISH_LOCALE);
    expect(show.stdout.split('\n')[0].split(/\s{2,}/)).toContain('开始时间');
    expect(show.stdout).toContain('P009');

    const undo = pwb(['imports', 'undo', '1', '--db', db], ENGLISH_LOCALE);
    expect(undo.stdout.trim()).toBe('已撤销导入 1：删除 2 行，恢复 0 行');
    expect(pwb(['imports', 'list', '--db', db], ENGLISH_LOCALE).stdout).toContain('已撤销');
  });

  it('--lang en and PWB_LANG=en win over the workspace; refusals follow the workspace too', async () => {
    const db = join(tmp.dir, 'undone.sqlite');
    const ws = openWorkspace(db);
    const api = createApi({ ws, user: 'tester' });
    await api.send('partners.create', partnerInput('P001'));
    await api.send('system.settings.set', { key: 'ui.language', value: 'zh-CN' });
    const file = writeFile(tmp.dir, 'undone.csv', 'Partner Code,Date,Sales\r\nP001,2025-03-01,100.00\r\n');
    await api.send('imports.undo', { id: (await api.send('imports.run', { kind: 'sales', path: file })).importId });
    ws.close();

    const en = pwb(['imports', 'list', '--db', db, '--lang', 'en'], ENGLISH_LOCALE);
    expect(en.stdout.split('\n')[0].split(/\s{2,}/)).toEqual(['Import', 'Started', 'Kind', 'Status', 'File', 'Rows read', 'Inserted', 'Updated', 'Duplicates', 'Rejected', 'Skipped']);
    expect(en.stdout).toContain('Sales lines');
    expect(en.stdout).toContain('Undone');
    expect(en.stdout).not.toMatch(HAN);
    const env = pwb(['imports', 'show', '1', '--db', db], { ...ENGLISH_LOCALE, PWB_LANG: 'en' });
    expect(env.stdout).toContain('Started');
    expect(env.stdout).not.toMatch(HAN);

    // A file with a row naming no partner, all-or-nothing: refused, the refusal and the flag to use in Chinese.
    const bad = writeFile(tmp.dir, 'bad.csv', 'Partner Code,Date,Sales\r\nP404,2025-04-01,10.00\r\n');
    const refused = pwb(['import', 'sales', bad, '--db', db], ENGLISH_LOCALE);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('加 --accept-valid 只导入有效的行。');
    expect(refused.stderr).toContain('第 2 行');
    const refusedEn = pwb(['import', 'sales', bad, '--db', db, '--lang', 'en'], ENGLISH_LOCALE);
    expect(refusedEn.stderr).toContain('Add --accept-valid to import only the valid rows.');
    expect(refusedEn.stderr).not.toMatch(HAN);
  });

  it('a workspace without a saved language follows the locale, as before', async () => {
    const plain = join(tmp.dir, 'plain.sqlite');
    openWorkspace(plain).close();
    expect(pwb(['imports', 'list', '--db', plain], ENGLISH_LOCALE).stdout.trim()).toBe(['Import  Started  Kind  Status  File  Rows read  Inserted  Updated  Duplicates  Rejected  Skipped', '0 imports'].join('\n'));
    expect(pwb(['imports', 'list', '--db', plain], { ...ENGLISH_LOCALE, LANG: 'zh_CN.UTF-8' }).stdout).toContain('共 0 次导入');
  });
});
