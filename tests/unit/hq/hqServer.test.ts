import { spawn } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createApi } from '../../../electron/api/api';
import { hqConflicts, hqReport } from '../../../electron/domain/hq/hqReport';
import { publishToHq } from '../../../electron/domain/hq/publish';
import { createOpContext } from '../../../electron/domain/opContext';
import { listReference, publishReference, pullReference } from '../../../electron/domain/hq/referenceData';
import { readIdentity } from '../../../electron/domain/hq/workspaceIdentity';
import { openWorkspace, type Workspace } from '../../../db/database';
import { pwb } from '../../helpers/cli';
import { errorText } from '../../../shared/errorMessages';
import { parsePeriod } from '../../../shared/period';
import { hqStore } from '../../../electron/domain/hq/store';
import { hqImage, normalisedWorkspaceImage, salesFromLines, summaryDrift } from '../../helpers/hq';
import { useHqServer } from '../../helpers/hqServer';
import { fileWorkspace, partnerInput } from '../../helpers/workspace';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const opCtx = (ws: Workspace) => createOpContext({ operation: 'hq.publish', ws, user: 'tester' });
const PW = 'office-password-2';

const server = useHqServer({ password: PW, roles: ['office_east', 'office_north'] });

async function demoWorkspace(seed: number, scale = 0.05) {
  const w = fileWorkspace();
  const api = createApi({ ws: w.ws, user: 'tester' });
  await api.send('system.loadDemo', { scale, seed });
  return { ...w, api };
}

const count = (c: pg.Client, sql: string, params: unknown[] = []) => c.query(sql, params).then((r) => Number(r.rows[0].n));

describe('HQ on a real PostgreSQL server', () => {
  it('a publish SIGKILLed at random points and run again leaves HQ equal to the workspace', async () => {
    const o = await demoWorkspace(11);
    const url = server.url('office_east');
    const points = Number(process.env.PWB_CRASH_POINTS ?? (process.env.CI ? 3 : 5));
    let killed = 0;
    // The quarter with the most lines: the report's figures for it are checked after every kill.
    const busiest = (o.ws.sqlite.prepare("SELECT substr(date, 1, 4) || '-Q' || ((cast(substr(date, 6, 2) AS integer) + 2) / 3) AS q FROM sales_lines GROUP BY 1 ORDER BY count(*) DESC LIMIT 1").get() as { q: string }).q;
    const quarter = parsePeriod(busiest);
    try {
      o.ws.sqlite.prepare("UPDATE workspace_identity SET office_name = '华东大区'").run();
      o.ws.close();
      for (let round = 0; round < points; round++) {
        // Change the workspace between rounds: edits, deletions and new rows all have to arrive.
        const ws = openWorkspace(o.path);
        ws.sqlite.prepare('UPDATE partners SET name = name || ? WHERE id % 7 = ?').run(`·${round}`, round % 7);
        ws.sqlite.prepare('DELETE FROM sales_lines WHERE id IN (SELECT id FROM sales_lines WHERE id % 13 = ? LIMIT 40)').run(round % 13);
        ws.sqlite.prepare('UPDATE sales_lines SET quantity = quantity + 1 WHERE id % 3 = ?').run(round % 3);
        ws.close();
        const killAfter = Math.floor(Math.random() * 6);
        const delay = Math.floor(Math.random() * 40);
        await new Promise<void>((resolve) => {
          const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'electron/cli/pwb.ts'), 'hq', 'publish', '--db', o.path, '--hq', url, '--batch-size', '400', '--json'], {
            cwd: ROOT,
            env: { ...process.env, PWB_PROGRESS: '1' },
          });
          let seen = 0;
          child.stderr.on('data', (d: Buffer) => {
            seen += (d.toString().match(/publish: /g) ?? []).length;
            if (seen > killAfter) setTimeout(() => child.kill('SIGKILL'), delay);
          });
          child.on('exit', (_code, signal) => {
            if (signal === 'SIGKILL') killed++;
            resolve();
          });
        });
        const again = openWorkspace(o.path);
        try {
          // Killed anywhere — between batches, before the summary refresh — the quarter report still equals the lines.
          const id = readIdentity(again).workspaceId;
          const reportSales = async () =>
            (await hqReport(server.admin, quarter.label))
              .filter((r) => r.office === '华东大区' && (r.orders > 0 || r.revenueMinor !== 0))
              .map((r): [string, number, number] => [r.partnerCode, r.revenueMinor, r.orders])
              .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
          expect(await reportSales()).toEqual(await salesFromLines(server.admin, id, quarter.start, quarter.end));
          await publishToHq(opCtx(again), { hq: { url }, batchSize: 1000 });
          expect(await hqImage(server.admin, id)).toEqual(normalisedWorkspaceImage(again));
          expect(await summaryDrift(server.admin, id)).toEqual({ drift: [], stale: 0 });
          expect(await reportSales()).toEqual(await salesFromLines(server.admin, id, quarter.start, quarter.end));
        } finally {
          again.close();
        }
      }
      expect(killed).toBeGreaterThan(0);
    } finally {
      o.cleanup();
    }
  }, 600_000);

  it('row-level security: an office writes and reads only its own rows; a workspace cannot be claimed by another office', async () => {
    const o = await demoWorkspace(12, 0.02);
    const north = new pg.Client({ connectionString: server.url('office_north') });
    await north.connect();
    try {
      await publishToHq(opCtx(o.ws), { hq: { url: server.url('office_east') }, office: '华东大区' });
      const east = readIdentity(o.ws).workspaceId;
      const before = await count(server.admin, 'SELECT count(*) AS n FROM hq.records WHERE office_id = $1', [east]);
      expect(before).toBeGreaterThan(0);
      await expect(north.query("INSERT INTO hq.records (office_id, tbl, row_key, data) VALUES ($1, 'partners', 999999, '{}')", [east])).rejects.toThrow(/row-level security/);
      await expect(north.query("INSERT INTO hq.sales_lines (office_id, id, partner_id, date, quantity, amount_minor, currency) VALUES ($1, 999999, 1, '2025-01-01', 1, 1, 'CNY')", [east])).rejects.toThrow(/row-level security/);
      expect((await north.query("UPDATE hq.records SET data = '{}' WHERE office_id = $1", [east])).rowCount).toBe(0);
      expect((await north.query('DELETE FROM hq.sales_lines WHERE office_id = $1', [east])).rowCount).toBe(0);
      expect(await count(north, 'SELECT count(*) AS n FROM hq.records WHERE office_id = $1', [east])).toBe(0);
      await expect(north.query("INSERT INTO hq.offices (id, name) VALUES ($1, 'x') ON CONFLICT (id) DO UPDATE SET name = 'x'", [east])).rejects.toThrow(/row-level security/);
      await expect(north.query("UPDATE hq.offices SET high_water = 0 WHERE id = $1", [east]).then((r) => r.rowCount)).resolves.toBe(0);
      expect(await count(server.admin, 'SELECT count(*) AS n FROM hq.records WHERE office_id = $1', [east])).toBe(before);
      // The same workspace published with another office's login is refused, not merged.
      await expect(publishToHq(opCtx(o.ws), { hq: { url: server.url('office_north') } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      // HQ grants reading every office.
      await server.admin.query('GRANT pwb_hq_reader TO office_north');
      expect(await count(north, 'SELECT count(*) AS n FROM hq.records WHERE office_id = $1', [east])).toBe(before);
      await server.admin.query('REVOKE pwb_hq_reader FROM office_north');
    } finally {
      await north.end();
      o.cleanup();
    }
  }, 300_000);

  it('report and conflicts: figures equal the workspaces; shared codes and customers are reported per office', async () => {
    const a = fileWorkspace();
    const b = fileWorkspace();
    const apiA = createApi({ ws: a.ws, user: 't' });
    const apiB = createApi({ ws: b.ws, user: 't' });
    try {
      const credit = '91310000MA1FL8XQ37';
      const pa = (await apiA.send('partners.create', partnerInput('DUP-1', { creditCode: credit }))) as { id: number };
      await apiA.send('partners.create', partnerInput('ONLY-A'));
      const pb = (await apiB.send('partners.create', partnerInput('DUP-1'))) as { id: number };
      await apiB.send('partners.create', partnerInput('OTHER-B', { creditCode: credit }));
      const deal = { customerName: '上海某某科技有限公司', customerCreditCode: '91310115MA1K3YJ12G', productLine: 'servers', expectedValueMinor: 100000 };
      await apiA.send('deals.register', { ...deal, partnerId: pa.id });
      await apiB.send('deals.register', { ...deal, partnerId: pb.id });
      const line = a.ws.sqlite.prepare("INSERT INTO sales_lines (partner_id, date, order_ref, amount_minor, dedupe_key) VALUES (?, ?, ?, ?, ?)");
      line.run(pa.id, '2025-02-01', 'O1', 12345, 'k1');
      line.run(pa.id, '2025-02-03', 'O1', 55, 'k2');
      line.run(pa.id, '2025-04-01', 'O2', 999, 'k3');
      await publishToHq(opCtx(a.ws), { hq: { url: server.url('office_east') }, office: 'A 区' });
      await publishToHq(opCtx(b.ws), { hq: { url: server.url('office_north') }, office: 'B 区' });
      const report = (await hqReport(server.admin, '2025-Q1')).filter((r) => r.office === 'A 区' || r.office === 'B 区');
      expect(report).toEqual([{ office: 'A 区', partnerCode: 'DUP-1', revenueMinor: 12400, orders: 1, attainment: null, grade: null, payoutMinor: 0 }]);
      const conflicts = (await hqConflicts(server.admin)).filter((c) => c.offices.join() === 'A 区,B 区');
      expect(conflicts.map((c) => [c.kind, c.key])).toEqual([
        ['credit_code', credit],
        ['deal_customer', '91310115MA1K3YJ12G'],
        ['partner_code', 'DUP-1'],
      ]);
      expect(conflicts[0].partners.map((p) => `${p.office}:${p.partnerCode}`)).toEqual(['A 区:DUP-1', 'B 区:OTHER-B']);
    } finally {
      a.cleanup();
      b.cleanup();
    }
  }, 120_000);

  it('quarter report from the sales summary: exact while partner-quarters are stale, recomputed by the refresh, written only by HQ', async () => {
    const w = fileWorkspace();
    const api = createApi({ ws: w.ws, user: 't' });
    const east = new pg.Client({ connectionString: server.url('office_east') });
    const north = new pg.Client({ connectionString: server.url('office_north') });
    await east.connect();
    await north.connect();
    try {
      const p = (await api.send('partners.create', partnerInput('SUM-1'))) as { id: number };
      const q = (await api.send('partners.create', partnerInput('SUM-2'))) as { id: number };
      const line = w.ws.sqlite.prepare('INSERT INTO sales_lines (partner_id, date, order_ref, amount_minor, quantity, dedupe_key) VALUES (?, ?, ?, ?, 1, ?)');
      // SUM-1 in Q1: order A on two days, order B, a line without an order; order C spans Q1 and Q2.
      line.run(p.id, '2025-01-05', 'A', 1000, 's1');
      line.run(p.id, '2025-02-20', 'A', 250, 's2');
      line.run(p.id, '2025-03-31', 'B', 40, 's3');
      line.run(p.id, '2025-03-15', null, 7, 's4');
      line.run(p.id, '2025-03-30', 'C', 300, 's5');
      line.run(p.id, '2025-04-01', 'C', 5, 's6');
      line.run(q.id, '2025-02-02', 'D', 9000, 's7');
      await publishToHq(opCtx(w.ws), { hq: { url: server.url('office_east') }, office: 'S 区' });
      const id = readIdentity(w.ws).workspaceId;
      const summary = async () =>
        (await server.admin.query('SELECT partner_id, quarter::text, revenue_minor::int AS r, lines, orders FROM hq.sales_summary WHERE office_id = $1 ORDER BY 1, 2', [id])).rows.map((r) => [Number(r.partner_id), r.quarter, r.r, r.lines, r.orders]);
      expect(await summary()).toEqual([
        [p.id, '2025-01-01', 1597, 5, 3],
        [p.id, '2025-04-01', 5, 1, 1],
        [q.id, '2025-01-01', 9000, 1, 1],
      ]);
      expect(await summaryDrift(server.admin, id)).toEqual({ drift: [], stale: 0 });
      const q1 = async () => (await hqReport(server.admin, '2025-Q1')).filter((r) => r.office === 'S 区').map((r) => [r.partnerCode, r.revenueMinor, r.orders]);
      expect(await q1()).toEqual([['SUM-1', 1597, 3], ['SUM-2', 9000, 1]]);
      // Lines changed at HQ by any path mark their partner-quarter stale in the same statement; the report reads those from the lines.
      await server.admin.query("UPDATE hq.sales_lines SET amount_minor = amount_minor + 100 WHERE office_id = $1 AND order_ref = 'D'", [id]);
      await server.admin.query("UPDATE hq.sales_lines SET quantity = quantity + 1 WHERE office_id = $1 AND order_ref = 'A'", [id]);
      await server.admin.query("DELETE FROM hq.sales_lines WHERE office_id = $1 AND order_ref = 'B'", [id]);
      expect(await summaryDrift(server.admin, id)).toMatchObject({ stale: 2 });
      expect(await q1()).toEqual([['SUM-1', 1557, 2], ['SUM-2', 9100, 1]]);
      // A month is not a quarter: read from the lines (orders per order first, then per partner).
      expect((await hqReport(server.admin, '2025-03')).filter((r) => r.office === 'S 区').map((r) => [r.partnerCode, r.revenueMinor, r.orders])).toEqual([['SUM-1', 307, 1]]);
      // Another office can neither refresh this office's summary nor write it; its own office can.
      await expect(hqStore.refreshSalesSummary(north, id)).rejects.toThrow(/not published by role office_north/);
      await expect(north.query("INSERT INTO hq.sales_summary VALUES ($1, 1, '2025-01-01', 1, 1, 1)", [id])).rejects.toThrow(/permission denied/);
      await expect(east.query("UPDATE hq.sales_summary SET revenue_minor = 0 WHERE office_id = $1", [id])).rejects.toThrow(/permission denied/);
      expect(await hqStore.refreshSalesSummary(east, id)).toBe(2);
      expect(await summaryDrift(server.admin, id)).toEqual({ drift: [], stale: 0 });
      expect(await q1()).toEqual([['SUM-1', 1557, 2], ['SUM-2', 9100, 1]]);
      expect((await summary())[0]).toEqual([p.id, '2025-01-01', 1557, 4, 2]);
    } finally {
      await east.end();
      await north.end();
      w.cleanup();
    }
  }, 120_000);

  it('reference data flows down versioned and read-only; local edits are refused', async () => {
    const w = fileWorkspace();
    try {
      await publishReference(server.admin, 'course', [
        { code: 'C-101', name: '产品基础认证', data: { hours: 8 } },
        { code: 'C-201', name: '高级售前', data: { hours: 16 } },
      ]);
      await publishReference(server.admin, 'program_template', [{ code: 'REBATE-Q', name: '季度返利模板', data: { tiers: [0.02, 0.03] } }]);
      const office = new pg.Client({ connectionString: server.url('office_east') });
      await office.connect();
      try {
        const first = await pullReference(w.ws, office);
        expect(first).toMatchObject({ added: 3, updated: 0, removed: 0, kinds: { course: 2, program_template: 1 } });
        const v1 = listReference(w.ws, 'course').find((c) => c.code === 'C-101')!.version;
        expect(() => w.ws.sqlite.prepare("UPDATE hq_reference SET name = 'x' WHERE code = 'C-101'").run()).toThrow(/READ_ONLY: reference data from HQ cannot be changed here/);
        expect(() => w.ws.sqlite.prepare("DELETE FROM hq_reference").run()).toThrow(/READ_ONLY/);
        expect(() => w.ws.sqlite.prepare("INSERT INTO hq_reference (kind, code, version, name, data, pulled_at) VALUES ('course', 'X', 1, 'x', '{}', 'now')").run()).toThrow(/READ_ONLY/);
        await publishReference(server.admin, 'course', [{ code: 'C-101', name: '产品基础认证（2025版）', data: { hours: 8 } }]);
        const second = await pullReference(w.ws, office);
        expect(second).toMatchObject({ added: 0, updated: 1, removed: 1 });
        const c101 = listReference(w.ws, 'course');
        expect(c101).toHaveLength(1);
        expect(c101[0]).toMatchObject({ code: 'C-101', name: '产品基础认证（2025版）' });
        expect(c101[0].version).toBeGreaterThan(v1);
        await expect(office.query("UPDATE hq.reference_data SET name = 'x'")).rejects.toThrow(/permission denied/);

        // Pulled territories, products and courses are the rows the pages and the domain use, read-only with versions.
        await publishReference(server.admin, 'territory', [{ code: 'HQ-EAST', name: '华东大区（总部）', data: { nameEn: 'East (HQ)' } }, { code: 'HQ-SH', name: '上海片区', data: { parent: 'HQ-EAST' } }]);
        await publishReference(server.admin, 'product', [{ code: 'SKU-HQ-1', name: '净水器 A1', data: { productLine: '净水', unit: '台' } }]);
        await publishReference(server.admin, 'course', [{ code: 'C-101', name: '产品基础认证（2025版）', data: { hours: 8, titleEn: 'Product basics 2025', category: 'product', validityMonths: 24 } }]);
        await pullReference(w.ws, office);
        const api = createApi({ ws: w.ws, user: 'tester' });
        const sh = w.ws.sqlite.prepare("SELECT t.name_zh AS name, p.code AS parent, t.kind, t.hq_version AS v FROM territories t JOIN territories p ON p.id = t.parent_id WHERE t.code = 'HQ-SH'").get() as { name: string; parent: string; kind: string; v: number };
        expect(sh).toMatchObject({ name: '上海片区', parent: 'HQ-EAST', kind: 'subTerritory' });
        expect(sh.v).toBeGreaterThan(0);
        const course = (await api.send('training.courses.list', {})).find((c) => c.code === 'C-101')!;
        expect(course).toMatchObject({ titleZh: '产品基础认证（2025版）', titleEn: 'Product basics 2025', validityMonths: 24 });
        expect(w.ws.sqlite.prepare("SELECT name_zh AS n, unit, hq_version IS NOT NULL AS hq FROM products WHERE code = 'SKU-HQ-1'").get()).toEqual({ n: '净水器 A1', unit: '台', hq: 1 });
        // Local edits are refused in words, with the version; other paths hit the triggers, refused the same way.
        const renamed = (await api.send('territories.rename', { code: 'HQ-SH', nameZh: '改名' }).catch((e: { body: unknown }) => e.body)) as { code: string; message: string; data: unknown };
        expect(renamed).toMatchObject({ code: 'FORBIDDEN', data: { reason: 'hq.referenceReadOnly', params: { kind: 'territory', code: 'HQ-SH', version: sh.v } } });
        expect(errorText(renamed, 'zh-CN')).toBe(`区域 HQ-SH 由总部统一下发（版本 ${sh.v}），不能在本地修改或删除；请联系总部修改，再运行“从总部获取”（pwb hq pull）`);
        expect(errorText(renamed, 'en')).toMatch(/^Territory HQ-SH comes from HQ \(version \d+\) and cannot be changed or deleted here/);
        await expect(api.send('training.courses.delete', { id: course.id })).rejects.toMatchObject({ body: { data: { reason: 'hq.referenceReadOnly', params: { kind: 'course', code: 'C-101' } } } });
        expect(() => w.ws.sqlite.prepare("UPDATE products SET name_zh = 'x' WHERE code = 'SKU-HQ-1'").run()).toThrow(/READ_ONLY_HQ: product/);
        // Local territories may hang under HQ's; the audit trail records the refusal.
        await api.send('territories.add', { nameZh: '浦东组', code: 'LOCAL-PD', parent: 'HQ-SH' });
        expect(w.ws.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE operation = 'territories.rename' AND outcome = 'refused'").get()).toEqual({ n: 1 });
        // Withdrawn by HQ: the row stays (partners point at it), inactive and the office's again.
        await publishReference(server.admin, 'territory', [{ code: 'HQ-EAST', name: '华东大区（总部）', data: { nameEn: 'East (HQ)' } }]);
        await pullReference(w.ws, office);
        expect(w.ws.sqlite.prepare("SELECT active, hq_version AS v FROM territories WHERE code = 'HQ-SH'").get()).toEqual({ active: 0, v: null });
        await api.send('territories.rename', { code: 'HQ-SH', nameZh: '上海片区（本地）' });
      } finally {
        await office.end();
      }
    } finally {
      w.cleanup();
    }
  }, 120_000);

  it('CLI: publish --json; offline fails clearly and loses nothing; a newer HQ schema is refused', async () => {
    const w = fileWorkspace();
    const api = createApi({ ws: w.ws, user: 't' });
    try {
      await api.send('partners.create', partnerInput('CLI-1'));
      const pending = () => (w.ws.sqlite.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;
      const before = pending();
      const offline = pwb(['hq', 'publish', '--db', w.path, '--hq', `postgres://office_east@127.0.0.1:1/pwb_hq`, '--office', '西区', '--json'], { PGPASSWORD: PW });
      expect(offline.code).not.toBe(0);
      expect(JSON.parse(offline.stderr).error).toMatchObject({ code: 'DOMAIN', operation: 'hq.publish', data: { reason: 'OFFLINE' } });
      expect(offline.stderr).toMatch(/cannot be reached.*Nothing was lost/);
      expect(pending()).toBe(before);
      const ok = pwb(['hq', 'publish', '--db', w.path, '--hq', server.cluster.urlFor('office_east', '').replace(':@', '@'), '--json'], { PGPASSWORD: PW });
      expect(ok.code, ok.stderr).toBe(0);
      expect(ok.json()).toMatchObject({ office: '西区', changes: before, upserted: before, deleted: 0 });

      await server.admin.query("INSERT INTO hq_migrations.__drizzle_migrations (hash, created_at) VALUES ('from-a-newer-app', 9999999999999)");
      try {
        await api.send('partners.create', partnerInput('CLI-2'));
        const waiting = pending();
        const refused = pwb(['hq', 'publish', '--db', w.path, '--hq', server.url('office_east'), '--json']);
        expect(refused.code).not.toBe(0);
        expect(JSON.parse(refused.stderr).error).toMatchObject({ data: { reason: 'HQ_SCHEMA_NEWER' } });
        expect(refused.stderr).toMatch(/newer than this version of Partner Workbench understands/);
        expect(pending()).toBe(waiting);
        const setup = pwb(['hq', 'setup', '--hq', server.cluster.adminUrl, '--json']);
        expect(JSON.parse(setup.stderr).error).toMatchObject({ data: { reason: 'HQ_SCHEMA_NEWER' } });
      } finally {
        await server.admin.query("DELETE FROM hq_migrations.__drizzle_migrations WHERE hash = 'from-a-newer-app'");
      }
    } finally {
      w.cleanup();
    }
  }, 300_000);
});
