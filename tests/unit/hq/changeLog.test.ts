import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../../db/database';
import { PUBLISHED_TABLES } from '../../../db/changeLog';
import { fileWorkspace, memoryApi, tempDir } from '../../helpers/workspace';
import { seedPartners, writeFile } from '../imports/importFixtures';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

const log = (db: Database.Database) => db.prepare('SELECT seq, tbl, row_key AS rowKey, op FROM change_log ORDER BY seq').all() as Array<{ seq: number; tbl: string; rowKey: number; op: string }>;

describe('hq change log', () => {
  it('gives the workspace a stable id and logs every published table in the same transaction', async () => {
    const w = fileWorkspace();
    cleanups.push(w.cleanup);
    const id = (w.ws.sqlite.prepare('SELECT workspace_id AS id FROM workspace_identity').get() as { id: string }).id;
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const triggers = w.ws.sqlite
      .prepare("SELECT tbl_name AS t FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'cl\\_%' ESCAPE '\\'")
      .all() as Array<{ t: string }>;
    for (const t of PUBLISHED_TABLES) expect(triggers.filter((x) => x.t === t.table)).toHaveLength(3);
    w.ws.close();
    const again = openWorkspace(w.path);
    expect((again.sqlite.prepare('SELECT workspace_id AS id FROM workspace_identity').get() as { id: string }).id).toBe(id);
    again.close();
  });

  it('records inserts, updates, deletes; a rolled-back change leaves nothing; an undone import logs its deletions', async () => {
    const { ws, api } = memoryApi();
    cleanups.push(() => ws.close());
    await seedPartners(api, 2);
    const partners = log(ws.sqlite).filter((e) => e.tbl === 'partners');
    expect(partners.map((e) => e.op)).toEqual(['i', 'i']);
    ws.sqlite.prepare("UPDATE partners SET name = 'x' WHERE code = 'P001'").run();
    expect(log(ws.sqlite).at(-1)).toMatchObject({ tbl: 'partners', op: 'u', rowKey: partners[0].rowKey });
    const before = log(ws.sqlite).length;
    expect(() =>
      ws.sqlite.transaction(() => {
        ws.sqlite.prepare("UPDATE partners SET name = 'y' WHERE code = 'P001'").run();
        throw new Error('boom');
      })(),
    ).toThrow('boom');
    expect(log(ws.sqlite)).toHaveLength(before);

    const tmp = tempDir();
    cleanups.push(tmp.cleanup);
    const path = writeFile(tmp.dir, 's.csv', 'Partner Code,Order Date,Order ID,Sales\r\nP001,2024-01-02,SO-1,10\r\nP002,2024-01-03,SO-2,20\r\n');
    const run = (await api.send('imports.run', { kind: 'sales', path })) as { importId: number };
    const lines = log(ws.sqlite).filter((e) => e.tbl === 'sales_lines');
    expect(lines.map((e) => e.op)).toEqual(['i', 'i']);
    await api.send('imports.undo', { id: run.importId });
    const after = log(ws.sqlite).filter((e) => e.tbl === 'sales_lines');
    expect(after.slice(2).map((e) => `${e.op}${e.rowKey}`).sort()).toEqual(lines.map((e) => `d${e.rowKey}`).sort());
  });

  it('logs the rows a table already had the first time it is published, and only once', () => {
    const tmp = tempDir();
    cleanups.push(tmp.cleanup);
    const path = `${tmp.dir}/old.sqlite`;
    const ws = openWorkspace(path);
    ws.sqlite.prepare("INSERT INTO partners (code, name, channel_type) VALUES ('A', 'a', 'dealer'), ('B', 'b', 'dealer')").run();
    // As if the workspace predated publishing partners: no triggers, an empty log.
    for (const r of ws.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'partners' AND name LIKE 'cl\\_%' ESCAPE '\\'").all() as Array<{ name: string }>)
      ws.sqlite.exec(`DROP TRIGGER "${r.name}"`);
    ws.sqlite.exec('DELETE FROM change_log');
    ws.close();
    const again = openWorkspace(path);
    expect(log(again.sqlite).map((e) => `${e.tbl}:${e.op}`)).toEqual(['partners:i', 'partners:i']);
    again.close();
    const third = openWorkspace(path);
    expect(log(third.sqlite)).toHaveLength(2);
    third.close();
  });

  it('publishes payout lines only with their run: approving the run logs its lines again', () => {
    const { ws } = memoryApi();
    cleanups.push(() => ws.close());
    const t = PUBLISHED_TABLES.find((x) => x.table === 'payout_runs')!;
    expect(t.dependents?.[0]).toMatchObject({ table: 'payout_lines', column: 'status' });
    const triggerSql = (ws.sqlite.prepare("SELECT sql FROM sqlite_master WHERE type='trigger' AND tbl_name='payout_runs' AND name LIKE 'cl\\_payout\\_runs\\_u%' ESCAPE '\\'").get() as { sql: string }).sql;
    expect(triggerSql).toContain("'payout_lines'");
  });
});
