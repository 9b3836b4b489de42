import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/workspace';
import { rebateProgram, sale, setup } from '../incentives/fixture';
import { mdfSetup } from '../mdf/fixture';

/** "Mine" (我的) on the sales, payout and MDF grids: the list operations narrow in SQL to the partners the managers own now. */

describe('"Mine" on the sales grid', () => {
  it('keeps the lines, totals and export of my partners; an empty list gives none; a reassignment moves the lines', async () => {
    const { ws, api, ids } = await setup([['S1'], ['S2'], ['S3']]);
    const me = await api.send('channelManagers.create', { name: '王磊' });
    const other = await api.send('channelManagers.create', { name: '李娜' });
    await api.send('channelManagers.reassign', { partnerIds: [ids.S1], to: me.id, reason: '分配' });
    await api.send('channelManagers.reassign', { partnerIds: [ids.S2], to: other.id, reason: '分配' });
    sale(ws, ids.S1, '2025-02-01', 100_00);
    sale(ws, ids.S1, '2025-02-02', 250_00);
    sale(ws, ids.S2, '2025-02-03', 7_00);
    sale(ws, ids.S3, '2025-02-04', 9_00); // nobody's
    const page = (channelManagerIds?: number[]) => api.send('sales.list', channelManagerIds ? { channelManagerIds } : {});
    expect(await page([me.id])).toMatchObject({ total: 2, amountMinor: 350_00 });
    expect((await page([me.id])).rows.map((r) => r.partnerCode)).toEqual(['S1', 'S1']);
    expect(await page([me.id, other.id])).toMatchObject({ total: 3, amountMinor: 357_00 });
    expect(await page([])).toMatchObject({ total: 0, amountMinor: 0, rows: [] });
    expect((await page()).total).toBe(4);
    const t = tempDir();
    try {
      const grid = await api.send('grids.export', { grid: 'sales', query: { channelManagerIds: [other.id] }, columns: [{ colId: 'partnerCode', header: '伙伴编码' }], format: 'csv', out: join(t.dir, 'sales.csv') });
      expect(readFileSync(grid.path, 'utf8').replace(/^\uFEFF/, '').split('\r\n')).toEqual(['伙伴编码', 'S2', '']);
    } finally {
      t.cleanup();
    }
    await api.send('channelManagers.reassign', { partnerIds: [ids.S2], to: me.id, reason: '区域调整' });
    expect(await page([me.id])).toMatchObject({ total: 3, amountMinor: 357_00 });
    expect((await page([other.id])).total).toBe(0);
  });
});

describe('"Mine" on payout runs and their lines', () => {
  it('lists the runs paying one of my partners and only my lines of a run, the run total staying the whole run', async () => {
    const { ws, api, ids } = await setup([['P1'], ['P2'], ['P3']]);
    const me = await api.send('channelManagers.create', { name: '王磊' });
    const other = await api.send('channelManagers.create', { name: '李娜' });
    await api.send('channelManagers.reassign', { partnerIds: [ids.P1, ids.P3], to: me.id, reason: '分配' });
    sale(ws, ids.P1, '2025-02-01', 61_234_000);
    sale(ws, ids.P2, '2025-03-01', 50_000_033);
    sale(ws, ids.P3, '2025-03-01', 1_000);
    await api.send('incentives.programs.save', { definition: rebateProgram() });
    // a second program whose only eligible partner is P2 (distributor): its run pays nobody of mine
    await api.send('partners.update', { id: ids.P2, patch: { channelType: 'distributor' } } as never);
    await api.send('incentives.programs.save', { definition: rebateProgram({ code: 'REB-D', eligibility: { channelTypes: ['distributor'] } }) });
    const q1 = await api.send('incentives.payouts.calculate', { programCode: 'REB-Q', period: '2025-Q1' });
    const d1 = await api.send('incentives.payouts.calculate', { programCode: 'REB-D', period: '2025-Q1' });
    expect(d1.lines.map((l) => l.partnerCode)).toEqual(['P2']);
    const runs = async (channelManagerIds?: number[]) => (await api.send('incentives.payouts.runs', channelManagerIds ? { channelManagerIds } : {})).map((r) => r.id).sort();
    expect(await runs([me.id])).toEqual([q1.id]);
    expect(await runs([other.id])).toEqual([]);
    expect(await runs([])).toEqual([]);
    expect(await runs()).toEqual([q1.id, d1.id].sort());
    const mine = await api.send('incentives.payouts.get', { runId: q1.id, channelManagerIds: [me.id] });
    expect(mine.lines.map((l) => l.partnerCode)).toEqual(['P1', 'P3']);
    expect(mine.totalMinor).toBe(q1.totalMinor);
    expect((await api.send('incentives.payouts.get', { runId: q1.id, channelManagerIds: [] })).lines).toEqual([]);
    await api.send('channelManagers.reassign', { partnerIds: [ids.P2], to: other.id, reason: '分配' });
    expect(await runs([other.id])).toEqual([q1.id, d1.id].sort());
  });
});

describe('"Mine" on MDF requests and claims', () => {
  it('keeps the requests and claims of my partners; an empty list gives none', async () => {
    const { api, ids, request } = await mdfSetup(100_000);
    const me = await api.send('channelManagers.create', { name: '王磊', email: 'wang.lei@example.com' });
    await api.send('channelManagers.reassign', { partnerIds: [ids.P1], to: me.id, reason: '分配' });
    const r1 = await request('P1', 10_000);
    const r2 = await request('P2', 20_000);
    await request('P1', 5_000);
    const requests = async (channelManagerIds?: number[]) => (await api.send('mdf.requests.list', channelManagerIds ? { channelManagerIds } : {})).map((r) => r.partnerCode).sort();
    expect(await requests([me.id])).toEqual(['P1', 'P1']);
    expect(await requests([])).toEqual([]);
    expect(await requests()).toEqual(['P1', 'P1', 'P2']);
    // statuses and Mine combine
    await api.send('mdf.requests.reject', { requestId: r1.id, reason: '预算不足' });
    expect((await api.send('mdf.requests.list', { channelManagerIds: [me.id], statuses: ['pending'] })).map((r) => r.amountMinor)).toEqual([5_000]);
    const t = tempDir();
    try {
      const pdf = join(t.dir, 'invoice.pdf');
      writeFileSync(pdf, Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(512, 1), Buffer.from('\n%%EOF\n')]));
      await api.send('mdf.requests.approve', { requestId: r2.id });
      await api.send('mdf.claims.add', { requestId: r2.id, amountMinor: 10_000, proofs: [{ path: pdf }] });
    } finally {
      t.cleanup();
    }
    const claims = async (channelManagerIds?: number[]) => (await api.send('mdf.claims.list', channelManagerIds ? { channelManagerIds } : {})).map((c) => c.partnerCode);
    expect(await claims()).toEqual(['P2']);
    expect(await claims([me.id])).toEqual([]);
    await api.send('channelManagers.reassign', { partnerIds: [ids.P2], to: me.id, reason: '区域调整' });
    expect(await claims([me.id])).toEqual(['P2']);
  });
});
