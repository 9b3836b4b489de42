import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApi } from '../../../electron/api/api';
import { appHqSchemaVersion, createOfficeRole, hqMigrationsFolder, setupHqSchema } from '../../../electron/domain/hq/hqSchema';
import { hqReport } from '../../../electron/domain/hq/hqReport';
import { publishToHq } from '../../../electron/domain/hq/publish';
import { hqStore } from '../../../electron/domain/hq/store';
import { readIdentity } from '../../../electron/domain/hq/workspaceIdentity';
import { createOpContext } from '../../../electron/domain/opContext';
import { openWorkspace, type Workspace } from '../../../db/database';
import { hqImage, normalisedWorkspaceImage, salesFromLines, summaryDrift } from '../../helpers/hq';
import { useHqServer } from '../../helpers/hqServer';
import { fileWorkspace, tempDir } from '../../helpers/workspace';

/**
 * hq.sales_lines is partitioned by office (HQ migration 0006): a batch of lines HQ never held is COPYed straight into
 * the office's partition; everything else goes through the parent with its row-level security.
 */
const opCtx = (ws: Workspace) => createOpContext({ operation: 'hq.publish', ws, user: 'tester' });
const PW = 'office-password-p';

const server = useHqServer({ password: PW, roles: ['office_east', 'office_north'] });

afterEach(() => vi.restoreAllMocks());

async function demoWorkspace(seed: number, scale = 0.02) {
  const w = fileWorkspace();
  const api = createApi({ ws: w.ws, user: 'tester' });
  await api.send('system.loadDemo', { scale, seed });
  return { ...w, api };
}

/** Lines whose texts need COPY escaping and whose quantities need all 17 digits. */
function addOddLines(ws: Workspace): void {
  const p = ws.sqlite.prepare('SELECT id FROM partners ORDER BY id LIMIT 1').get() as { id: number };
  const insert = ws.sqlite.prepare(
    "INSERT INTO sales_lines (partner_id, date, order_ref, line_ref, product, category, quantity, amount_minor, cost_minor, customer_ref, currency, dedupe_key) VALUES (?, '2025-02-03', ?, ?, ?, ?, ?, ?, ?, ?, 'CNY', ?)",
  );
  insert.run(p.id, 'SO\t1', null, 'C:\\路径\\产品', '第一行\n第二行\r\n', 0.30000000000000004, 12345, null, null, 'odd-1');
  insert.run(p.id, '\\N', 'L\\t', '', 'tab\tin\tcategory', 123456789.12345679, -1, 7, '客户\\N', 'odd-2');
  insert.run(p.id, 'SO-3', 'x', '产品', null, 1e-7, 0, 0, '', 'odd-3');
}

const partitionsOf = async (officeId: string) =>
  (await server.admin.query<{ p: string }>('SELECT DISTINCT tableoid::regclass::text AS p FROM hq.sales_lines WHERE office_id = $1', [officeId])).rows.map((r) => r.p);

describe('sales lines partitioned by office (real PostgreSQL)', () => {
  it('a first publish COPYs straight into the office partition, texts and doubles exact; later changes go through the parent', async () => {
    const o = await demoWorkspace(21);
    try {
      addOddLines(o.ws);
      const fresh = vi.spyOn(hqStore, 'copyFreshSalesLines');
      const staged = vi.spyOn(hqStore, 'writeSalesLines');
      const hq = { url: server.url('office_east') };
      const first = await publishToHq(opCtx(o.ws), { hq, office: '华东大区', batchSize: 2000 });
      const id = readIdentity(o.ws).workspaceId;
      expect(first.batches).toBeGreaterThan(1);
      expect(fresh).toHaveBeenCalled();
      for (const r of fresh.mock.results) expect(await r.value).toBe(true);
      expect(staged).not.toHaveBeenCalled();
      expect(await hqImage(server.admin, id)).toEqual(normalisedWorkspaceImage(o.ws));
      expect(await partitionsOf(id)).toEqual([`hq.sales_lines_${(await server.admin.query<{ h: string }>('SELECT md5($1) AS h', [id])).rows[0].h}`]);
      expect(await summaryDrift(server.admin, id)).toEqual({ drift: [], stale: 0 });

      // Edits and deletions are not fresh: they go through the parent (upsert, row-level security, stale marks).
      fresh.mockClear();
      o.ws.sqlite.prepare("UPDATE sales_lines SET amount_minor = amount_minor + 100 WHERE dedupe_key IN ('odd-1', 'odd-2')").run();
      o.ws.sqlite.prepare("DELETE FROM sales_lines WHERE dedupe_key = 'odd-3'").run();
      const second = await publishToHq(opCtx(o.ws), { hq });
      expect(second.tables.sales_lines).toEqual({ upserted: 2, deleted: 1 });
      expect(fresh).not.toHaveBeenCalled();
      expect(staged).toHaveBeenCalledTimes(1);
      expect(await hqImage(server.admin, id)).toEqual(normalisedWorkspaceImage(o.ws));
      expect(await summaryDrift(server.admin, id)).toEqual({ drift: [], stale: 0 });
      const q1 = (await hqReport(server.admin, '2025-Q1')).filter((r) => r.office === '华东大区' && (r.revenueMinor !== 0 || r.orders !== 0));
      const sorted = q1.map((r): [string, number, number] => [r.partnerCode, r.revenueMinor, r.orders]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      expect(sorted).toEqual(await salesFromLines(server.admin, id, '2025-01-01', '2025-03-31'));
    } finally {
      o.cleanup();
    }
  }, 300_000);

  it('lines HQ already holds under a fresh id (a table put back on the list) are upserted after the COPY is undone', async () => {
    const o = await demoWorkspace(22);
    try {
      const hq = { url: server.url('office_east') };
      await publishToHq(opCtx(o.ws), { hq, office: '华东大区' });
      const id = readIdentity(o.ws).workspaceId;
      // HQ holds a line under the id the workspace's next line gets, with other values.
      const next = (o.ws.sqlite.prepare("SELECT seq + 1 AS n FROM sqlite_sequence WHERE name = 'sales_lines'").get() as { n: number }).n;
      const p = o.ws.sqlite.prepare('SELECT id FROM partners ORDER BY id LIMIT 1').get() as { id: number };
      await server.admin.query("INSERT INTO hq.sales_lines (office_id, id, partner_id, date, quantity, amount_minor, currency) VALUES ($1, $2, $3, '2025-01-05', 9, 999, 'CNY')", [id, next, p.id]);
      o.ws.sqlite
        .prepare("INSERT INTO sales_lines (partner_id, date, order_ref, quantity, amount_minor, currency, dedupe_key) VALUES (?, '2025-01-06', 'NEW-1', 2, 200, 'CNY', 'new-1')")
        .run(p.id);
      const fresh = vi.spyOn(hqStore, 'copyFreshSalesLines');
      const r = await publishToHq(opCtx(o.ws), { hq });
      expect(r.tables.sales_lines).toEqual({ upserted: 1, deleted: 0 });
      expect(await fresh.mock.results[0].value).toBe(false);
      expect(await hqImage(server.admin, id)).toEqual(normalisedWorkspaceImage(o.ws));
      expect(await summaryDrift(server.admin, id)).toEqual({ drift: [], stale: 0 });
    } finally {
      o.cleanup();
    }
  }, 300_000);

  it("an office may COPY into its own partition only; another office's partition and the parent refuse it", async () => {
    const o = await demoWorkspace(23, 0.01);
    const north = new pg.Client({ connectionString: server.url('office_north') });
    await north.connect();
    try {
      await publishToHq(opCtx(o.ws), { hq: { url: server.url('office_east') }, office: '华东大区' });
      const east = readIdentity(o.ws).workspaceId;
      const [part] = await partitionsOf(east);
      const row = `(office_id, id, partner_id, date, quantity, amount_minor, currency) VALUES ('${east}', 999999, 1, '2025-01-01', 1, 1, 'CNY')`;
      await expect(north.query(`INSERT INTO ${part} ${row}`)).rejects.toThrow(/permission denied/);
      await expect(north.query(`SELECT count(*) FROM ${part}`)).rejects.toThrow(/permission denied/);
      await expect(north.query('SELECT hq.office_sales_partition($1)', [east])).rejects.toThrow(/not published by role office_north/);
      // The parent keeps refusing COPY to office roles (row-level security): only the partition takes it.
      await expect(north.query("COPY hq.sales_lines FROM STDIN")).rejects.toThrow(/row-level security/);
      expect(Number((await server.admin.query('SELECT count(*) AS n FROM hq.sales_lines WHERE id = 999999')).rows[0].n)).toBe(0);
    } finally {
      await north.end();
      o.cleanup();
    }
  }, 300_000);

  it('a first publish loads into an index-free table attached at the end; killed before the attach it stays out of the report, and a re-run attaches it', async () => {
    const o = await demoWorkspace(27, 0.01);
    const north = new pg.Client({ connectionString: server.url('office_north') });
    await north.connect();
    try {
      const hq = { url: server.url('office_east') };
      const finish = vi.spyOn(hqStore, 'finishSalesLoad').mockRejectedValueOnce(new Error('killed before the attach'));
      await expect(publishToHq(opCtx(o.ws), { hq, office: '华东首发', batchSize: 2000 })).rejects.toThrow();
      const id = readIdentity(o.ws).workspaceId;
      const md5 = (await server.admin.query<{ h: string }>('SELECT md5($1) AS h', [id])).rows[0].h;
      const lines = (o.ws.sqlite.prepare('SELECT count(*) AS n FROM sales_lines').get() as { n: number }).n;
      // Every batch committed into the load table (no indexes), none of it in hq.sales_lines, the summary or the report yet.
      expect(Number((await server.admin.query(`SELECT count(*) AS n FROM hq.sales_load_${md5}`)).rows[0].n)).toBe(lines);
      expect(Number((await server.admin.query(`SELECT count(*) AS n FROM pg_indexes WHERE schemaname = 'hq' AND tablename = 'sales_load_${md5}'`)).rows[0].n)).toBe(0);
      expect((await server.admin.query('SELECT to_regclass($1) AS p', [`hq.sales_lines_${md5}`])).rows[0].p).toBeNull();
      expect(Number((await server.admin.query('SELECT count(*) AS n FROM hq.sales_lines WHERE office_id = $1', [id])).rows[0].n)).toBe(0);
      expect(await summaryDrift(server.admin, id)).toEqual({ drift: [], stale: 0 });
      expect((await hqReport(server.admin, '2025-Q1')).filter((r) => r.office === '华东首发' && r.revenueMinor !== 0)).toEqual([]);
      // Another office can neither read, write nor finish it.
      await expect(north.query(`SELECT count(*) FROM hq.sales_load_${md5}`)).rejects.toThrow(/permission denied/);
      await expect(north.query(`INSERT INTO hq.sales_load_${md5} (office_id, id, partner_id, date, quantity, amount_minor, currency) VALUES ($1, 999999, 1, '2025-01-01', 1, 1, 'CNY')`, [id])).rejects.toThrow(/permission denied/);
      await expect(north.query('SELECT hq.office_sales_target($1)', [id])).rejects.toThrow(/not published by role office_north/);
      await expect(north.query('SELECT hq.finish_office_load($1)', [id])).rejects.toThrow(/not published by role office_north/);

      // Meanwhile lines change and go: the re-run attaches the load before the batch that touches lines HQ holds.
      o.ws.sqlite.prepare('UPDATE sales_lines SET amount_minor = amount_minor + 11 WHERE id IN (SELECT id FROM sales_lines ORDER BY id LIMIT 30)').run();
      o.ws.sqlite.prepare('DELETE FROM sales_lines WHERE id IN (SELECT id FROM sales_lines ORDER BY id DESC LIMIT 5)').run();
      finish.mockClear();
      const again = await publishToHq(opCtx(o.ws), { hq });
      expect(again.tables.sales_lines).toEqual({ upserted: 30, deleted: 5 });
      expect(finish).toHaveBeenCalled();
      expect(await finish.mock.results[0].value).toBe(true);
      expect((await server.admin.query('SELECT to_regclass($1) AS p', [`hq.sales_load_${md5}`])).rows[0].p).toBeNull();
      expect(await partitionsOf(id)).toEqual([`hq.sales_lines_${md5}`]);
      // Attached with the parent's two indexes (built once), the stale trigger, and the summary equal to the lines.
      expect(Number((await server.admin.query(`SELECT count(*) AS n FROM pg_indexes WHERE schemaname = 'hq' AND tablename = 'sales_lines_${md5}'`)).rows[0].n)).toBe(2);
      expect(Number((await server.admin.query("SELECT count(*) AS n FROM pg_inherits WHERE inhrelid = $1::regclass AND inhparent = 'hq.sales_lines'::regclass", [`hq.sales_lines_${md5}`])).rows[0].n)).toBe(1);
      expect(await hqImage(server.admin, id)).toEqual(normalisedWorkspaceImage(o.ws));
      expect(await summaryDrift(server.admin, id)).toEqual({ drift: [], stale: 0 });
      const q1 = (await hqReport(server.admin, '2025-Q1')).filter((r) => r.office === '华东首发' && (r.revenueMinor !== 0 || r.orders !== 0));
      const sorted = q1.map((r): [string, number, number] => [r.partnerCode, r.revenueMinor, r.orders]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      expect(sorted).toEqual(await salesFromLines(server.admin, id, '2025-01-01', '2025-03-31'));
      // Later fresh lines go straight into the partition (its stale trigger marks them; the refresh clears the marks).
      const p = o.ws.sqlite.prepare('SELECT id FROM partners ORDER BY id LIMIT 1').get() as { id: number };
      o.ws.sqlite.prepare("INSERT INTO sales_lines (partner_id, date, order_ref, quantity, amount_minor, currency, dedupe_key) VALUES (?, '2025-02-06', 'NEW-9', 2, 900, 'CNY', 'new-9')").run(p.id);
      const fresh = vi.spyOn(hqStore, 'copyFreshSalesLines');
      await publishToHq(opCtx(o.ws), { hq });
      expect(fresh.mock.calls[0][1]).toBe(`hq.sales_lines_${md5}`);
      expect(await hqImage(server.admin, id)).toEqual(normalisedWorkspaceImage(o.ws));
      expect(await summaryDrift(server.admin, id)).toEqual({ drift: [], stale: 0 });
    } finally {
      await north.end();
      o.cleanup();
    }
  }, 300_000);

  it("a resync empties the office's partition by TRUNCATE: other offices' rows untouched, row-level security holds", async () => {
    const east = await demoWorkspace(25, 0.01);
    const north = await demoWorkspace(26, 0.01);
    const northClient = new pg.Client({ connectionString: server.url('office_north') });
    await northClient.connect();
    const tmp = tempDir();
    try {
      const eastHq = { url: server.url('office_east') };
      await publishToHq(opCtx(east.ws), { hq: eastHq, office: '华东大区' });
      await publishToHq(opCtx(north.ws), { hq: { url: server.url('office_north') }, office: '华北大区' });
      const eastId = readIdentity(east.ws).workspaceId;
      const northId = readIdentity(north.ws).workspaceId;
      // A backup of east taken now; east then changes and publishes, and the backup is restored: HQ is ahead of it.
      const backup = join(tmp.dir, 'east-backup.sqlite');
      await east.ws.sqlite.backup(backup);
      east.ws.sqlite.prepare("UPDATE sales_lines SET amount_minor = amount_minor + 7 WHERE id IN (SELECT id FROM sales_lines ORDER BY id LIMIT 50)").run();
      east.ws.sqlite.prepare('DELETE FROM sales_lines WHERE id IN (SELECT id FROM sales_lines ORDER BY id DESC LIMIT 20)').run();
      await publishToHq(opCtx(east.ws), { hq: eastHq });
      east.ws.close();
      cpSync(backup, east.path);
      for (const suffix of ['-wal', '-shm']) rmSync(east.path + suffix, { force: true });
      const restored = openWorkspace(east.path);
      try {
        const northBefore = await hqImage(server.admin, northId);
        const northSummary = (await server.admin.query('SELECT * FROM hq.sales_summary WHERE office_id = $1 ORDER BY 1, 2, 3', [northId])).rows;
        const [part] = await partitionsOf(eastId);
        const fileOf = async (rel: string) => (await server.admin.query<{ f: string }>('SELECT pg_relation_filenode($1::regclass)::text AS f', [rel])).rows[0].f;
        const fileBefore = await fileOf(part);
        const [northPart] = await partitionsOf(northId);
        const northFileBefore = await fileOf(northPart);
        const deletes = vi.spyOn(hqStore, 'deleteSalesLines');

        const r = await publishToHq(opCtx(restored), { hq: eastHq });
        expect(r.resynced).toBe(true);
        expect(deletes).not.toHaveBeenCalled();
        // TRUNCATE gives the partition a new file; a DELETE would have kept it. North's partition is the same file.
        expect(await fileOf(part)).not.toBe(fileBefore);
        expect(await fileOf(northPart)).toBe(northFileBefore);
        expect(await hqImage(server.admin, eastId)).toEqual(normalisedWorkspaceImage(restored));
        expect(await summaryDrift(server.admin, eastId)).toEqual({ drift: [], stale: 0 });
        expect(await hqImage(server.admin, northId)).toEqual(northBefore);
        expect((await server.admin.query('SELECT * FROM hq.sales_summary WHERE office_id = $1 ORDER BY 1, 2, 3', [northId])).rows).toEqual(northSummary);

        // Row-level security still holds: north can neither reset nor truncate east's lines, nor see them.
        await expect(northClient.query('SELECT hq.reset_office_sales($1)', [eastId])).rejects.toThrow(/not published by role office_north/);
        await expect(northClient.query(`TRUNCATE ${part}`)).rejects.toThrow(/permission denied/);
        await expect(northClient.query('TRUNCATE hq.sales_lines')).rejects.toThrow(/permission denied/);
        expect(Number((await northClient.query('SELECT count(*) AS n FROM hq.sales_lines WHERE office_id = $1', [eastId])).rows[0].n)).toBe(0);
        expect(Number((await northClient.query('SELECT count(*) AS n FROM hq.sales_lines WHERE office_id = $1', [northId])).rows[0].n)).toBeGreaterThan(0);
        expect(await hqImage(server.admin, eastId)).toEqual(normalisedWorkspaceImage(restored));
      } finally {
        restored.close();
      }
    } finally {
      await northClient.end();
      east.cleanup();
      north.cleanup();
      tmp.cleanup();
    }
  }, 300_000);

  it('migrating an HQ that holds lines moves them into partitions per office; the summary and the report are unchanged', async () => {
    const tmp = tempDir();
    await server.admin.query('CREATE DATABASE pwb_hq_before_partitions');
    const url = server.cluster.adminUrl.replace(/\/pwb_hq(\?|$)/, '/pwb_hq_before_partitions$1');
    const old = new pg.Client({ connectionString: url });
    await old.connect();
    const o = await demoWorkspace(24, 0.01);
    try {
      // HQ at the version before 0006: the migrations folder cut there.
      const folder = join(tmp.dir, 'migrations');
      cpSync(hqMigrationsFolder(), folder, { recursive: true });
      const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as { entries: Array<{ tag: string }> };
      journal.entries = journal.entries.filter((e) => e.tag < '0006');
      writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify(journal));
      vi.stubEnv('PWB_HQ_MIGRATIONS', folder);
      expect(await setupHqSchema(old)).toEqual({ from: 0, to: 6 });
      await old.query("INSERT INTO hq.offices (id, name, role_name) VALUES ('ws-a', '办事处甲', 'office_east'), ('ws-b', '办事处乙', 'office_north')");
      await old.query(`INSERT INTO hq.sales_lines (office_id, id, partner_id, date, order_ref, quantity, amount_minor, currency)
        SELECT o, g, g % 7, DATE '2025-01-01' + (g % 200), 'SO-' || (g % 50), 1, g * 10, 'CNY' FROM generate_series(1, 500) g, (VALUES ('ws-a'), ('ws-b')) v (o)`);
      await old.query('SELECT hq.refresh_sales_summary(id) FROM hq.offices');
      const summaryBefore = (await old.query('SELECT * FROM hq.sales_summary ORDER BY 1, 2, 3')).rows;
      const linesBefore = (await old.query('SELECT * FROM hq.sales_lines ORDER BY office_id, id')).rows;
      vi.unstubAllEnvs();
      expect(await setupHqSchema(old)).toEqual({ from: 6, to: appHqSchemaVersion() });
      expect((await old.query('SELECT * FROM hq.sales_lines ORDER BY office_id, id')).rows).toEqual(linesBefore);
      expect((await old.query('SELECT * FROM hq.sales_summary ORDER BY 1, 2, 3')).rows).toEqual(summaryBefore);
      expect(Number((await old.query('SELECT count(*) AS n FROM hq.sales_stale')).rows[0].n)).toBe(0);
      const parts = (await old.query<{ o: string; n: string }>('SELECT office_id AS o, count(DISTINCT tableoid) AS n FROM hq.sales_lines GROUP BY 1 ORDER BY 1')).rows;
      expect(parts.map((p) => [p.o, Number(p.n)])).toEqual([['ws-a', 1], ['ws-b', 1]]);
      // A new office registering afterwards gets its own partition and publishes into it.
      await createOfficeRole(old, 'office_west', PW);
      const west = server.url('office_west').replace(/\/pwb_hq(\?|$)/, '/pwb_hq_before_partitions$1');
      const r = await publishToHq(opCtx(o.ws), { hq: { url: west }, office: '西部大区' });
      expect(r.tables.sales_lines.upserted).toBeGreaterThan(0);
      expect(await hqImage(old, readIdentity(o.ws).workspaceId)).toEqual(normalisedWorkspaceImage(o.ws));
    } finally {
      vi.unstubAllEnvs();
      await old.end();
      o.cleanup();
      tmp.cleanup();
    }
  }, 300_000);
});
