import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../../db/database';
import { createApi } from '../../../electron/api/api';
import { pwb } from '../../helpers/cli';
import { partnerInput, tempDir } from '../../helpers/workspace';
import { writeFile } from './importFixtures';

/** `pwb import` says which rows it skipped as not data (a title above the header, a 合计 row), in the reader's language and in --json. */
const tmp = tempDir('pwb-imports-skipped-');
afterAll(() => tmp.cleanup());
const db = join(tmp.dir, 'ws.sqlite');

beforeAll(async () => {
  const ws = openWorkspace(db);
  await createApi({ ws, user: 'tester' }).send('partners.create', partnerInput('P001'));
  ws.close();
});

describe('pwb import reports skipped title and total rows', () => {
  it('prints them with the counts (zh-CN and en), and --json carries them, also when the file is refused', () => {
    const file = writeFile(tmp.dir, 'sales.csv', '销售明细（2026年11月）\r\n经销商编码,单据日期,金额\r\nP001,2026-11-02,100.00\r\n合计,,100.00\r\n');
    const zh = pwb(['import', 'sales', file, '--db', db, '--lang', 'zh']);
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain('已跳过表头上方的 1 行标题（第 1 行：销售明细（2026年11月））和 1 行合计行（第 4 行：合计）');
    const en = pwb(['import', 'sales', file, '--db', db, '--lang', 'en', '--force', '--json']);
    expect(en.code).toBe(0);
    expect(en.json()).toMatchObject({ inserted: 0, duplicates: 1, skipped: { titles: [{ row: 1, text: '销售明细（2026年11月）' }], totals: 1, totalRows: [{ row: 4, text: '合计' }] } });
    const bad = writeFile(tmp.dir, 'bad.csv', '销售明细\r\n经销商编码,单据日期,金额\r\nP001,2026-11-02,x\r\nTotal,,0\r\n');
    const refused = pwb(['import', 'sales', bad, '--db', db, '--lang', 'en']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Skipped 1 title row above the header (row 1: 销售明细) and 1 total row (row 4: Total)');
    // Kept with the import (migration 0034): the history shows them later, not only the run that skipped them.
    const id = String(en.json<{ importId: number }>().importId);
    const show = pwb(['imports', 'show', id, '--db', db, '--lang', 'zh']);
    expect(show.stdout).toContain('已跳过表头上方的 1 行标题（第 1 行：销售明细（2026年11月））和 1 行合计行（第 4 行：合计）');
    expect(pwb(['imports', 'show', id, '--db', db, '--lang', 'en']).stdout).toContain('Skipped 1 title row above the header (row 1: 销售明细（2026年11月）) and 1 total row (row 4: 合计)');
    const list = pwb(['imports', 'list', '--db', db, '--lang', 'en']);
    expect(list.stdout.split('\n')[0]).toMatch(/Rejected\s+Skipped/);
    expect(pwb(['imports', 'list', '--db', db, '--json']).json<Array<{ id: number; skipped: unknown }>>().map((r) => r.skipped)).toEqual([
      { titles: [{ row: 1, text: '销售明细（2026年11月）' }], totals: 1, totalRows: [{ row: 4, text: '合计' }] },
      { titles: [{ row: 1, text: '销售明细（2026年11月）' }], totals: 1, totalRows: [{ row: 4, text: '合计' }] },
    ]);
  });

  it('keeps nothing for a file without title or total rows', async () => {
    const ws = openWorkspace(db);
    try {
      const api = createApi({ ws, user: 'tester' });
      const plain = await api.send('imports.run', { kind: 'sales', path: writeFile(tmp.dir, 'plain.csv', '经销商编码,单据日期,金额\r\nP001,2026-11-03,5.00\r\n') });
      expect((await api.send('imports.get', { id: plain.importId })).skipped).toBeNull();
      expect((await api.send('imports.list', {})).rows.find((r) => r.id === plain.importId)?.skipped).toBeNull();
    } finally {
      ws.close();
    }
  });
});
