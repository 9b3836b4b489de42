import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../db/database';
import type { Api } from '../../../electron/api/api';
import { ApiError } from '../../../shared/errors';
import { memoryApi, partnerInput, tempDir } from '../../helpers/workspace';
import { sale, target } from '../evaluations/fixtures';

let ws: Workspace;
let api: Api;
let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  ({ ws, api } = memoryApi());
  tmp = tempDir();
});
afterEach(() => {
  ws.close();
  tmp.cleanup();
});

const codesOf = (rows: Array<{ code: string }>) => rows.map((r) => r.code).sort();

describe('the territory tree', () => {
  it('starts with the seven standard regions and the 34 provincial divisions under them (GB/T 2260)', async () => {
    const list = await api.send('territories.list', {});
    const top = list.filter((t) => t.parent === null);
    expect(top.map((t) => t.nameZh)).toEqual(['华东', '华南', '华北', '华中', '西南', '西北', '东北']);
    const provinces = list.filter((t) => t.kind === 'province');
    expect(provinces).toHaveLength(34);
    expect(provinces.find((p) => p.code === '640000')).toMatchObject({ nameZh: '宁夏回族自治区', nameEn: 'Ningxia', parent: 'XB' });
    expect(provinces.find((p) => p.code === '110000')).toMatchObject({ nameZh: '北京市', parent: 'HB' });
    // parents come before their children
    const seen = new Set<string>();
    for (const t of list) {
      if (t.parent) expect(seen.has(t.parent), `${t.code} after ${t.parent}`).toBe(true);
      seen.add(t.code);
    }
  });

  it('rename, move and merge keep the partners and their history; a stored run keeps the old name', async () => {
    const a = await api.send('partners.create', partnerInput('A1', { territory: 'HD' }));
    const b = await api.send('partners.create', partnerInput('B1', { territory: 'HN' }));
    sale(ws, a.id, '2025-02-01', 1_000_00);
    sale(ws, b.id, '2025-02-01', 2_000_00);
    target(ws, a.id, '2025-Q1', 10_000_00);
    target(ws, b.id, '2025-Q1', 1_000_00);
    const run = await api.send('evaluations.run', { period: '2025-Q1' });

    const sub = await api.send('territories.add', { nameZh: '苏南区', nameEn: 'South Jiangsu', parent: 'HD' });
    expect(sub).toMatchObject({ code: 'SOUTH-JIANGSU', parent: 'HD', kind: 'subTerritory', partners: 0 });
    await api.send('partners.update', { id: a.id, patch: { territory: sub.code } });

    const renamed = await api.send('territories.rename', { code: 'HD', nameZh: '华东大区', nameEn: 'East' });
    expect(renamed).toMatchObject({ code: 'HD', nameZh: '华东大区', nameEn: 'East' });
    expect((await api.send('partners.get', { id: a.id })).territory).toBe('SOUTH-JIANGSU');

    await api.send('territories.move', { code: 'SOUTH-JIANGSU', parent: 'HN' });
    await expect(api.send('territories.move', { code: 'HN', parent: 'SOUTH-JIANGSU' })).rejects.toThrow(/under itself/);
    const merged = await api.send('territories.merge', { from: 'SOUTH-JIANGSU', into: 'HN' });
    expect(merged.movedPartners).toBe(1);
    expect((await api.send('partners.get', { id: a.id })).territory).toBe('HN');
    expect((await api.send('territories.list', {})).some((t) => t.code === 'SOUTH-JIANGSU')).toBe(false);

    // the stored run still shows the territory as it was when it ran
    const cards = await api.send('evaluations.scorecards.list', { runId: run.runId });
    expect(cards.rows.find((c) => c.partnerCode === 'A1')).toMatchObject({ region: '华东', regionEn: 'East China', regionCode: 'HD', rankInRegion: 1 });
    // a new run ranks within today's tree: both partners are now in 华南
    const run2 = await api.send('evaluations.run', { period: '2025-Q1' });
    const cards2 = (await api.send('evaluations.scorecards.list', { runId: run2.runId })).rows;
    expect(cards2.map((c) => [c.partnerCode, c.region, c.rankInRegion]).sort()).toEqual([
      ['A1', '华南', 2],
      ['B1', '华南', 1],
    ]);
    const audit = ws.sqlite.prepare("select operation from audit_log where entity = 'territory' order by id").all() as Array<{ operation: string }>;
    expect(audit.map((x) => x.operation)).toEqual(['territories.add', 'territories.rename', 'territories.move', 'territories.merge']);
  });

  it('region filters take a territory and include its descendants (partners, evaluations, scorecards, programs)', async () => {
    await api.send('territories.add', { nameZh: '苏南区', code: 'SN', parent: 'HD' });
    await api.send('territories.add', { nameZh: '苏州片', code: 'SZ', parent: 'SN' });
    const p1 = await api.send('partners.create', partnerInput('P1', { territory: 'SZ' }));
    const p2 = await api.send('partners.create', partnerInput('P2', { territory: 'HD' }));
    const p3 = await api.send('partners.create', partnerInput('P3', { territory: 'HN' }));
    await api.send('partners.create', partnerInput('P4', { territory: null }));
    for (const p of [p1, p2, p3]) sale(ws, p.id, '2025-02-01', 500_00);
    expect(codesOf((await api.send('partners.list', { regions: ['HD'] })).rows)).toEqual(['P1', 'P2']);
    expect(codesOf((await api.send('partners.list', { regions: ['SN'] })).rows)).toEqual(['P1']);
    // an exact name works as well as a code (stored schedules and programs from before the tree hold names)
    expect(codesOf((await api.send('partners.list', { regions: ['华东'] })).rows)).toEqual(['P1', 'P2']);
    await expect(api.send('partners.list', { regions: ['East'] })).rejects.toThrow(/Territory East not found/);
    const run = await api.send('evaluations.run', { period: '2025-Q1', regions: ['HD'] });
    expect(run.partnerCount).toBe(2);
    expect(codesOf((await api.send('evaluations.scorecards.list', { period: '2025-Q1', regions: ['SN'] })).rows.map((r) => ({ code: r.partnerCode })))).toEqual(['P1']);
  });
});

describe('imports and territories', () => {
  const file = (name: string, rows: string[]) => {
    const path = join(tmp.dir, name);
    writeFileSync(path, `合作伙伴代码,名称,渠道类型,大区\r\n${rows.join('\r\n')}\r\n`);
    return path;
  };

  it('matches by code or exact name only; unknown values are one error each with their row count', async () => {
    const path = file('p.csv', ['W1,西一,dealer,West', 'W2,西二,dealer,West', 'W3,西三,dealer,West', 'E1,东一,dealer,East', 'C1,中一,dealer,HZ', 'N1,北一,dealer,North China']);
    const err = await api.send('imports.run', { kind: 'partners', path }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    const data = (err as ApiError).body.data as { errors: Array<{ row: number; value: string; message: string }>; unknown: Array<{ value: string; rows: number }> };
    expect(data.unknown).toEqual([
      { what: 'territory', value: 'West', rows: 3, firstRow: 2 },
      { what: 'territory', value: 'East', rows: 1, firstRow: 5 },
    ]);
    expect(data.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/unknown territory 'West' \(3 rows\)/),
      expect.stringMatching(/unknown territory 'East' \(1 row\)/),
    ]);
    expect((await api.send('partners.list', {})).total).toBe(0);
  });

  it('--create-territories creates exactly the unknown ones; the mapping values still map names', async () => {
    const before = (await api.send('territories.list', {})).length;
    const path = file('p.csv', ['W1,西一,dealer,West', 'W2,西二,dealer,West', 'E1,东一,dealer,East', 'C1,中一,dealer,HZ', 'S1,南一,dealer,South']);
    const r = await api.send('imports.run', {
      kind: 'partners',
      path,
      createTerritories: true,
      mapping: { kind: 'partners', columns: { code: '合作伙伴代码', name: '名称', channelType: '渠道类型', region: '大区' }, values: { region: { South: 'HN' } } },
    });
    expect(r.inserted).toBe(5);
    expect(r.created).toEqual({ territories: ['West', 'East'], channelManagers: [] });
    const list = await api.send('territories.list', {});
    expect(list).toHaveLength(before + 2);
    expect(list.filter((t) => t.nameZh === 'West' || t.nameZh === 'East').map((t) => [t.code, t.parent, t.partners])).toEqual([
      ['WEST', null, 2],
      ['EAST', null, 1],
    ]);
    expect((await api.send('partners.getByCode', { code: 'S1' })).territory).toBe('HN');
    expect((await api.send('partners.getByCode', { code: 'C1' })).territory).toBe('HZ');
  });
});

describe('channel managers', () => {
  it("checks and stores a manager's phone like a partner's", async () => {
    const m = await api.send('channelManagers.create', { name: '周敏', phone: '138 0013 8000' });
    expect(m.phone).toBe('13800138000');
    await expect(api.send('channelManagers.create', { name: '赵磊', phone: '123' })).rejects.toMatchObject({ body: { code: 'INVALID_INPUT' } });
  });

  it('keeps each reassignment (from, to, date, reason) and imports match owners by name or e-mail', async () => {
    const wang = await api.send('channelManagers.create', { name: '王磊', email: 'wanglei@example.com', territory: 'HD' });
    const li = await api.send('channelManagers.create', { name: '李娜', email: 'lina@example.com' });
    const p = await api.send('partners.create', partnerInput('P1', { channelManagerId: wang.id }));
    await api.send('partners.update', { id: p.id, patch: { channelManagerId: li.id }, reason: '区域调整' });
    await api.send('channelManagers.reassign', { partnerIds: [p.id], to: wang.id, reason: 'back', on: '2025-06-30' });
    const history = await api.send('channelManagers.history', { partnerId: p.id });
    // newest day first: the two changes of today, then the one dated 2025-06-30
    expect(history.map((h) => [h.from, h.to, h.reason, h.changedBy])).toEqual([
      ['王磊', '李娜', '区域调整', 'tester'],
      [null, '王磊', 'created', 'tester'],
      ['李娜', '王磊', 'back', 'tester'],
    ]);
    expect(history[2].changedOn).toBe('2025-06-30');
    expect((await api.send('partners.get', { id: p.id })).channelManager).toBe('王磊');
    expect((await api.send('partners.list', { channelManagerIds: [wang.id] })).rows.map((r) => r.code)).toEqual(['P1']);

    const path = join(tmp.dir, 'owners.csv');
    writeFileSync(path, '合作伙伴代码,名称,渠道类型,渠道经理\r\nP1,,,LINA@example.com\r\nN1,新一,dealer,赵强\r\nN2,新二,dealer,赵强\r\n');
    const err = (await api.send('imports.run', { kind: 'partners', path }).catch((e: unknown) => e)) as ApiError;
    expect((err.body.data as { unknown: unknown[] }).unknown).toEqual([{ what: 'channelManager', value: '赵强', rows: 2, firstRow: 3 }]);
    const r = await api.send('imports.run', { kind: 'partners', path, createOwners: true });
    expect(r.created?.channelManagers).toEqual(['赵强']);
    expect((await api.send('partners.getByCode', { code: 'P1' })).channelManager).toBe('李娜');
    expect((await api.send('channelManagers.history', { partnerId: p.id }))[0]).toMatchObject({ from: '王磊', to: '李娜', reason: 'import' });
  });
});
