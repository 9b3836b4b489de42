import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openWorkspace, type Workspace } from '../../../db/database';
import { createApi, type Api } from '../../../electron/api/api';
import { bulkTuning, shouldBulkLoad } from '../../../electron/domain/imports/bulkIndexes';
import { tempDir } from '../../helpers/workspace';
import { failure, seedPartners, snapshot, writeFile } from './importFixtures';

const HEADER = 'Partner Code,Order Date,Order ID,Line ID,Product,Customer,Sales\r\n';
const lines = (from: number, n: number) => {
  let s = '';
  for (let i = from; i < from + n; i++) s += `P00${1 + (i % 3)},2024-${String(1 + (i % 12)).padStart(2, '0')}-0${1 + (i % 9)},SO-${i},L${i},A${i % 7},C${i % 5},${i}.5\r\n`;
  return s;
};

describe('imports: bulk loading (secondary indexes dropped and rebuilt inside the transaction)', () => {
  let ws: Workspace;
  let api: Api;
  let tmp: ReturnType<typeof tempDir>;
  const saved = { ...bulkTuning };
  const indexes = () => ws.sqlite.prepare(`select name, sql from sqlite_master where type = 'index' and tbl_name = 'sales_lines' order by name`).all();
  beforeEach(async () => {
    tmp = tempDir();
    ws = openWorkspace(join(tmp.dir, 'w.sqlite'));
    api = createApi({ ws, user: 'test' });
    await seedPartners(api, 3);
    // Small files use bulk mode in these tests.
    Object.assign(bulkTuning, { minFileBytes: 0 });
  });
  afterEach(() => {
    Object.assign(bulkTuning, saved);
    ws.close();
    tmp.cleanup();
  });

  it('decides by file size against the rows already in the table', () => {
    Object.assign(bulkTuning, saved);
    expect(shouldBulkLoad(ws.sqlite, 'sales_lines', 1024)).toBe(false);
    expect(shouldBulkLoad(ws.sqlite, 'sales_lines', 100 * 1024 * 1024)).toBe(true);
  });

  it('a bulk import stores the same rows and leaves the same indexes; the query planner uses them', async () => {
    const before = indexes();
    expect(before.length).toBeGreaterThanOrEqual(5);
    const phases = new Set<string>();
    const saves: number[] = [];
    const r = await api.send(
      'imports.run',
      { kind: 'sales', path: writeFile(tmp.dir, 'a.csv', HEADER + lines(0, 3000)) },
      {
        onProgress: (p) => {
          phases.add(p.phase);
          if (p.phase === 'save') saves.push(p.done);
        },
      },
    );
    expect(r).toMatchObject({ inserted: 3000, duplicates: 0 });
    expect(phases).toContain('index');
    // Distinct keys: appended once without the unique index, which was then built (no second save pass).
    expect(saves).toEqual([0, 3000]);
    expect(indexes()).toEqual(before);
    expect(ws.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    const plan = ws.sqlite.prepare(`explain query plan select count(*) from sales_lines where date = '2024-03-03'`).all() as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/sales_date_idx/);
    // Re-import: the unique index is built over the appended rows, finds the duplicates, and the save is redone against it.
    const again = await api.send('imports.run', { kind: 'sales', path: writeFile(tmp.dir, 'b.csv', HEADER + lines(2000, 2000)) });
    expect(again).toMatchObject({ inserted: 1000, duplicates: 1000 });
    expect(indexes()).toEqual(before);
    expect(ws.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    // Repeats inside one file and one write batch (64 rows): the first is kept, the others count as duplicates.
    const twice = await api.send('imports.run', { kind: 'sales', path: writeFile(tmp.dir, 'c.csv', HEADER + lines(5000, 40) + lines(5000, 40) + lines(5040, 5)) });
    expect(twice).toMatchObject({ rowsRead: 85, inserted: 45, duplicates: 40 });
    expect((ws.sqlite.prepare('select count(*) as n from sales_lines').get() as { n: number }).n).toBe(4045);
  });

  it('a bulk import skips repeats in the file and rows already stored, and stores the rest in file order', async () => {
    const before = indexes();
    await api.send('imports.run', { kind: 'sales', path: writeFile(tmp.dir, 'a.csv', HEADER + lines(0, 100)) });
    Object.assign(bulkTuning, { minNewToExisting: 0 }); // bulk mode however many rows are stored
    // 50 stored rows again, 3,000 new ones, 200 of them repeated later in the same file
    const saves: number[] = [];
    const r = await api.send(
      'imports.run',
      { kind: 'sales', path: writeFile(tmp.dir, 'b.csv', HEADER + lines(50, 3050) + lines(1000, 200)) },
      { onProgress: (p) => void (p.phase === 'save' && saves.push(p.done)) },
    );
    expect(r).toMatchObject({ rowsRead: 3250, inserted: 3000, duplicates: 250 });
    // The append without the unique index was undone when building the index found the duplicates, then saved again.
    expect(saves).toEqual([0, 3250, 0, 3250]);
    expect(indexes()).toEqual(before);
    expect(ws.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    const refs = ws.sqlite.prepare(`select line_ref from sales_lines where import_id = ? order by id`).pluck().all(r.importId) as string[];
    expect(refs).toEqual(Array.from({ length: 3000 }, (_, i) => `L${100 + i}`));
    // the unique index still refuses a duplicate (the same key in the same order)
    expect(() => ws.sqlite.prepare(`insert into sales_lines (partner_id, date, order_ref, amount_minor, quantity, dedupe_key, currency, created_at) select partner_id, date, order_ref, 1, 1, dedupe_key, 'CNY', 'x' from sales_lines limit 1`).run()).toThrow(/UNIQUE/);
  });

  it('a failed or cancelled bulk import leaves the indexes and the data as they were', async () => {
    await api.send('imports.run', { kind: 'sales', path: writeFile(tmp.dir, 'a.csv', HEADER + lines(0, 100)) });
    const before = { idx: indexes(), rows: snapshot(ws) };
    const bad = writeFile(tmp.dir, 'bad.csv', `${HEADER}${lines(100, 3000)}P404,2024-01-02,SO-x,Lx,A,C,1\r\n`);
    expect((await failure(api.send('imports.run', { kind: 'sales', path: bad }))).body.code).toBe('DOMAIN');
    expect({ idx: indexes(), rows: snapshot(ws) }).toEqual(before);
    const abort = new AbortController();
    const e = await failure(
      api.send('imports.run', { kind: 'sales', path: writeFile(tmp.dir, 'big.csv', HEADER + lines(100, 6000)) }, {
        signal: abort.signal,
        onProgress: (p) => {
          if (p.phase === 'import') abort.abort();
        },
      }),
    );
    expect(e.body.code).toBe('CANCELLED');
    expect({ idx: indexes(), rows: snapshot(ws) }).toEqual(before);
    expect(ws.sqlite.inTransaction).toBe(false);
    // Cancelled while appending without the unique index, and while building it: the index is back, nothing saved.
    for (const when of ['save', 'index'] as const) {
      const stop = new AbortController();
      const c = await failure(
        api.send('imports.run', { kind: 'sales', path: writeFile(tmp.dir, `${when}.csv`, HEADER + lines(100, 6000)) }, {
          signal: stop.signal,
          onProgress: (p) => {
            if (p.phase === when && (when === 'index' || p.done > 0)) stop.abort();
          },
        }),
      );
      expect(c.body.code).toBe('CANCELLED');
      expect({ idx: indexes(), rows: snapshot(ws) }).toEqual(before);
    }
  });
});
