import { describe, expect, it } from 'vitest';
import { createApi } from '../../../electron/api/api';
import { hqDashboard, hqReport } from '../../../electron/domain/hq/hqReport';
import { parsePeriod, periodContaining } from '../../../shared/period';
import { pwb } from '../../helpers/cli';
import { publishToHq } from '../../../electron/domain/hq/publish';
import { createOpContext } from '../../../electron/domain/opContext';
import type { Workspace } from '../../../db/database';
import { readIdentity } from '../../../electron/domain/hq/workspaceIdentity';
import { hqImage, normalisedWorkspaceImage, salesFromLines } from '../../helpers/hq';
import { useHqServer } from '../../helpers/hqServer';
import { fileWorkspace, tempDir } from '../../helpers/workspace';
import { writeFile } from '../imports/importFixtures';

const opCtx = (ws: Workspace) => createOpContext({ operation: 'hq.publish', ws, user: 'tester' });
const PW = 'office-password-1';

const server = useHqServer({ password: PW, roles: ['office_east', 'office_north', 'office_south'] });

async function demoWorkspace(seed: number) {
  const w = fileWorkspace();
  const api = createApi({ ws: w.ws, user: 'tester' });
  await api.send('system.loadDemo', { scale: 0.05, seed });
  return { ...w, api };
}

describe('HQ publish (real PostgreSQL)', () => {
  it('three workspaces publish concurrently; HQ equals each; a second publish sends nothing', async () => {
    const offices = [
      { role: 'office_east', name: '华东大区', ...(await demoWorkspace(1)) },
      { role: 'office_north', name: '华北大区', ...(await demoWorkspace(2)) },
      { role: 'office_south', name: '华南大区', ...(await demoWorkspace(3)) },
    ];
    try {
      const results = await Promise.all(
        offices.map((o) => publishToHq(opCtx(o.ws), { hq: { url: server.url(o.role) }, office: o.name, batchSize: 3000 })),
      );
      for (const [i, o] of offices.entries()) {
        expect(results[i]).toMatchObject({ office: o.name, workspaceId: readIdentity(o.ws).workspaceId, resynced: false });
        expect(results[i].changes).toBeGreaterThan(1000);
        expect(results[i].batches).toBeGreaterThan(1);
        expect(await hqImage(server.admin, readIdentity(o.ws).workspaceId)).toEqual(normalisedWorkspaceImage(o.ws));
      }
      const again = await publishToHq(opCtx(offices[0].ws), { hq: { url: server.url('office_east') } });
      expect(again).toMatchObject({ office: '华东大区', changes: 0, upserted: 0, deleted: 0 });
    } finally {
      for (const o of offices) o.cleanup();
    }
  }, 300_000);

  it('an undone import is published as deletions; edits and deletes reach HQ', async () => {
    const o = await demoWorkspace(4);
    const tmp = tempDir();
    try {
      const hq = { url: server.url('office_east') };
      await publishToHq(opCtx(o.ws), { hq, office: '华东大区' });
      const code = (o.ws.sqlite.prepare('SELECT code FROM partners ORDER BY id LIMIT 1').get() as { code: string }).code;
      const path = writeFile(tmp.dir, 's.csv', `Partner Code,Order Date,Order ID,Sales\r\n${code},2025-03-02,HQ-1,10\r\n${code},2025-03-03,HQ-2,20\r\n`);
      const run = (await o.api.send('imports.run', { kind: 'sales', path })) as { importId: number };
      await publishToHq(opCtx(o.ws), { hq });
      const id = readIdentity(o.ws).workspaceId;
      const atHq = async () => Number((await server.admin.query("SELECT count(*) AS n FROM hq.sales_lines WHERE office_id = $1 AND order_ref LIKE 'HQ-%'", [id])).rows[0].n);
      expect(await atHq()).toBe(2);
      await o.api.send('imports.undo', { id: run.importId });
      o.ws.sqlite.prepare("UPDATE partners SET name = '改名后' WHERE code = ?").run(code);
      const r = await publishToHq(opCtx(o.ws), { hq });
      expect(r.tables.sales_lines).toEqual({ upserted: 0, deleted: 2 });
      expect(await atHq()).toBe(0);
      expect(await hqImage(server.admin, id)).toEqual(normalisedWorkspaceImage(o.ws));
      // The audit summary went up with the rest: the undo counted once under its operation, no before/after values.
      const summary = await server.admin.query("SELECT data FROM hq.records WHERE office_id = $1 AND tbl = 'audit_daily' AND data->>'operation' = 'imports.undo'", [id]);
      expect(summary.rows.map((x) => [x.data.user, x.data.outcome, x.data.count])).toEqual([['tester', 'ok', 1]]);
      expect(Object.keys(summary.rows[0].data).sort()).toEqual(['count', 'day', 'first_at', 'id', 'last_at', 'operation', 'outcome', 'user']);
      const dash = await hqDashboard(server.admin, `${summary.rows[0].data.day.slice(0, 4)}`);
      const mine = dash.activityByOffice.find((a) => a.office === '华东大区')!;
      const audited = (o.ws.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
      expect(mine.operations).toBeGreaterThanOrEqual(audited);
    } finally {
      o.cleanup();
      tmp.cleanup();
    }
  }, 300_000);

  it('reports fiscal periods as the workspace counts them: a fiscal year starting in April (summary) or February (lines), CLI and dashboard', async () => {
    const o = await demoWorkspace(6);
    try {
      await publishToHq(opCtx(o.ws), { hq: { url: server.url('office_east') }, office: '财年办事处' });
      const id = readIdentity(o.ws).workspaceId;
      const last = (o.ws.sqlite.prepare('SELECT max(date) AS d FROM sales_lines').get() as { d: string }).d;
      const sales = async (label: string, fsm: number) =>
        (await hqReport(server.admin, label, fsm))
          .filter((r) => r.office === '财年办事处' && (r.orders > 0 || r.revenueMinor !== 0))
          .map((r): [string, number, number] => [r.partnerCode, r.revenueMinor, r.orders])
          .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      for (const fsm of [4, 2]) {
        // The fiscal quarter holding the last sale: with April, FY2026-Q1 is April–June 2025, not January–March 2026.
        const q = periodContaining(last, 'quarter', fsm);
        expect(q.start).not.toBe(parsePeriod(q.label).start);
        const truth = await salesFromLines(server.admin, id, q.start, q.end);
        expect(truth.length).toBeGreaterThan(0);
        expect(await sales(q.label, fsm)).toEqual(truth);
        expect(await sales(q.label, 1)).not.toEqual(truth);
        const dash = await hqDashboard(server.admin, q.label, fsm);
        expect(dash).toMatchObject({ period: q.label, start: q.start, end: q.end, fiscalStartMonth: fsm });
        expect(dash.revenueByOffice.find((r) => r.office === '财年办事处')?.revenueMinor).toBe(truth.reduce((s, r) => s + r[1], 0));
      }
      // The CLI takes the fiscal year from the workspace it is given (as the app's HQ page does), or --fiscal-start-month.
      await o.api.send('system.settings.set', { key: 'company.fiscalStartMonth', value: 4 });
      const q = periodContaining(last, 'quarter', 4);
      o.ws.close();
      const cli = pwb(['hq', 'report', '--db', o.path, '--hq', server.cluster.adminUrl, '--period', q.label, '--json']);
      expect(cli.code).toBe(0);
      const rows = (JSON.parse(cli.stdout) as Array<{ office: string; partnerCode: string; revenueMinor: number; orders: number }>)
        .filter((r) => r.office === '财年办事处' && (r.orders > 0 || r.revenueMinor !== 0))
        .map((r): [string, number, number] => [r.partnerCode, r.revenueMinor, r.orders])
        .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      expect(rows).toEqual(await salesFromLines(server.admin, id, q.start, q.end));
      const explicit = pwb(['hq', 'dashboard', '--hq', server.cluster.adminUrl, '--period', q.label, '--fiscal-start-month', '4', '--json']);
      expect(JSON.parse(explicit.stdout)).toMatchObject({ start: q.start, end: q.end, fiscalStartMonth: 4 });
      const bad = pwb(['hq', 'report', '--hq', server.cluster.adminUrl, '--period', q.label, '--fiscal-start-month', '13', '--lang', 'zh']);
      expect(bad.code).not.toBe(0);
      expect(bad.stderr).toContain('--fiscal-start-month 应为 1–12 的月份');
    } finally {
      o.cleanup();
    }
  }, 300_000);
});
