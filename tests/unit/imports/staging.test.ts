import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/errors';
import { errorText } from '../../../shared/errorMessages';
import { fileWorkspace, partnerInput } from '../../helpers/workspace';
import { createApi } from '../../../electron/api/api';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

/** The rows an import reads before it takes the write lock live in a TEMP table of its connection, and only there. */
describe('import staging', () => {
  it('a cancel while the file is read, or bad rows, leave no staged table and no row; the next import stores every row with its types', async () => {
    const f = fileWorkspace();
    cleanups.push(f.cleanup);
    const api = createApi({ ws: f.ws, user: 'li' });
    await api.send('partners.create', partnerInput('P001'));
    const csv = join(f.dir, 'sales.csv');
    const lines = ['Partner Code,Order Date,Order ID,Line ID,Amount'];
    for (let i = 0; i < 30_000; i++) lines.push(`P001,2025-03-${String((i % 28) + 1).padStart(2, '0')},SO${i},L${i},${i}.05`);
    writeFileSync(csv, `${lines.join('\n')}\n`);
    const staged = () => f.ws.sqlite.prepare(`select count(*) from sqlite_temp_master where name like 'import_stage_%'`).pluck().get();
    const stored = () => f.ws.sqlite.prepare('select count(*) from sales_lines').pluck().get();

    const abort = new AbortController();
    let sawStaged = 0;
    const cancelled = await api
      .send('imports.run', { kind: 'sales', path: csv }, {
        signal: abort.signal,
        onProgress: (p) => {
          if (p.phase === 'import') {
            sawStaged = Math.max(sawStaged, staged() as number);
            abort.abort();
          }
        },
      })
      .catch((e: unknown) => e);
    expect(ApiError.is(cancelled) && cancelled.body.code).toBe('CANCELLED');
    expect(sawStaged).toBe(1);
    expect(staged()).toBe(0);
    expect(stored()).toBe(0);

    const bad = join(f.dir, 'bad.csv');
    writeFileSync(bad, `${lines.slice(0, 5000).join('\n')}\nP001,2025-02-30,SOX,LX,1\n`);
    const refused = await api.send('imports.run', { kind: 'sales', path: bad }).catch((e: unknown) => e);
    expect(ApiError.is(refused) && refused.body.code).toBe('DOMAIN');
    expect(ApiError.is(refused) && JSON.stringify(refused.body.data)).toContain('5001');
    expect(staged()).toBe(0);
    expect(stored()).toBe(0);

    const done = await api.send('imports.run', { kind: 'sales', path: csv });
    expect(done.inserted).toBe(30_000);
    expect(staged()).toBe(0);
    expect(f.ws.sqlite.prepare(`select amount_minor from sales_lines where order_ref = 'SO29999'`).pluck().get()).toBe(2_999_905);
    expect(f.ws.sqlite.prepare(`select date from sales_lines where order_ref = 'SO27'`).pluck().get()).toBe('2025-03-28');
  }, 60_000);

  it('sales rows are checked while the file is read; a partner deleted meanwhile is seen under the write lock (the file is read again there) and its rows are refused', async () => {
    const f = fileWorkspace();
    cleanups.push(f.cleanup);
    const api = createApi({ ws: f.ws, user: 'li' });
    await api.send('partners.create', partnerInput('P001'));
    const gone = (await api.send('partners.create', partnerInput('P002'))).id;
    const csv = join(f.dir, 'sales.csv');
    const lines = ['Partner Code,Order Date,Order ID,Line ID,Amount'];
    for (let i = 0; i < 20_000; i++) lines.push(`${i % 10 === 9 ? 'P002' : 'P001'},2025-03-01,SO${i},L${i},${i}.5`);
    writeFileSync(csv, `${lines.join('\n')}\n`);
    let deleted: Promise<unknown> | null = null;
    const r = await api.send('imports.run', { kind: 'sales', path: csv, acceptValid: true }, {
      onProgress: (p) => {
        if (p.phase === 'import' && !deleted) deleted = api.send('partners.delete', { id: gone });
      },
    });
    await deleted;
    expect(r).toMatchObject({ rowsRead: 20_000, inserted: 18_000, rejected: 2_000 });
    expect(r.errors[0]).toMatchObject({ row: 11, column: 'Partner Code', value: 'P002', message: expect.stringMatching(/deleted/) });
    expect(f.ws.sqlite.prepare('select count(*) from sales_lines where partner_id = ?').pluck().get(gone)).toBe(0);
    expect(f.ws.sqlite.prepare(`select count(*) from sqlite_temp_master where name like 'import_stage_%'`).pluck().get()).toBe(0);
  }, 60_000);

  it('a file replaced while it was read, when it must be read again under the lock, is refused and nothing is stored', async () => {
    const f = fileWorkspace();
    cleanups.push(f.cleanup);
    const api = createApi({ ws: f.ws, user: 'li' });
    await api.send('partners.create', partnerInput('P001'));
    const gone = (await api.send('partners.create', partnerInput('P002'))).id;
    const csv = join(f.dir, 'sales.csv');
    const lines = ['Partner Code,Order Date,Order ID,Line ID,Amount'];
    for (let i = 0; i < 20_000; i++) lines.push(`${i % 10 === 9 ? 'P002' : 'P001'},2025-03-01,SO${i},L${i},${i}.5`);
    writeFileSync(csv, `${lines.join('\n')}\n`);
    const other = join(f.dir, 'other.csv');
    writeFileSync(other, `${lines.slice(0, 100).join('\n')}\n`);
    let changed = false;
    const refused = await api
      .send('imports.run', { kind: 'sales', path: csv, acceptValid: true }, {
        onProgress: (p) => {
          if (p.phase === 'import' && !changed) {
            changed = true;
            // The first read keeps the file it opened; the second (the partner changed) opens the replacement.
            renameSync(other, csv);
            void api.send('partners.delete', { id: gone });
          }
        },
      })
      .catch((e: unknown) => e);
    expect(ApiError.is(refused) && refused.message).toMatch(/sales\.csv changed while it was being imported/);
    expect(ApiError.is(refused) && errorText(refused.body, 'zh-CN')).toBe('sales.csv 在导入过程中被修改，因此没有导入任何数据：请重新导入该文件');
    expect(f.ws.sqlite.prepare('select count(*) from sales_lines').pluck().get()).toBe(0);
    expect(f.ws.sqlite.prepare('select count(*) from imports').pluck().get()).toBe(0);
  }, 60_000);
});
