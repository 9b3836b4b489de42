import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../db/database';
import type { Api } from '../../../electron/api/api';
import { placeIndex } from '../../../electron/domain/territories/places';
import { ApiError } from '../../../shared/errors';
import { errorText } from '../../../shared/errorMessages';
import { fileWorkspace, memoryApi, partnerInput } from '../../helpers/workspace';
import { pwb } from '../../helpers/cli';
import { sale } from '../incentives/fixture';

let ws: Workspace;
let api: Api;
beforeEach(() => {
  ({ ws, api } = memoryApi());
});
afterEach(() => ws.close());

const refusal = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (ApiError.is(e)) return e.body;
    throw e;
  }
  throw new Error('expected a refusal');
};
const kindOf = async (code: string) => (await api.send('territories.list', {})).find((t) => t.code === code)?.kind;

describe('territory levels: 大区, 片区, province, city', () => {
  it('adds a city under a standard province (code under the province when none is given) and places partners in it', async () => {
    const sz = await api.send('territories.add', { nameZh: '深圳市', parent: '440000', kind: 'city' });
    expect(sz).toMatchObject({ code: '440000-1', parent: '440000', kind: 'city', active: true });
    // a city under a province is the default level
    expect(await api.send('territories.add', { nameZh: '广州市', nameEn: 'Guangzhou', parent: '440000' })).toMatchObject({ code: 'GUANGZHOU', kind: 'city' });
    const places = placeIndex(ws);
    expect(places.node(places.placeOf('广东省', '深圳')!)!.code).toBe('440000-1');
    expect(places.node(places.placeOf('Guangdong', 'Guangzhou')!)!.code).toBe('GUANGZHOU');
    expect(places.node(places.placeOf('广东', '东莞市')!)!.code).toBe('440000'); // a city not defined stays in its province
    // a province-level node under the company's own territory, and a city under it
    await api.send('territories.add', { nameZh: '苏南区', nameEn: 'South Jiangsu', code: 'SUNAN' });
    await api.send('territories.add', { nameZh: '海外', nameEn: 'Overseas', code: 'OVERSEAS', parent: 'SUNAN', kind: 'province' });
    expect(await kindOf('OVERSEAS')).toBe('province');
    expect(await api.send('territories.add', { nameZh: '新加坡', nameEn: 'Singapore', parent: 'OVERSEAS' })).toMatchObject({ kind: 'city', parent: 'OVERSEAS' });
    expect(places.placeOf('海外', '新加坡')).toBeNull(); // the index read the tree before: a new one sees them
    const fresh = placeIndex(ws);
    expect(fresh.node(fresh.placeOf('Overseas', 'Singapore')!)!.code).toBe('SINGAPORE');
  });

  it('refuses levels that do not fit, in the user’s language, and changes nothing', async () => {
    const cases: Array<[Promise<unknown>, string]> = [
      [api.send('territories.add', { nameZh: '深圳', kind: 'city' }), '深圳（城市）不能放在最上层：城市须在省份、大区或片区之下'],
      [api.send('territories.add', { nameZh: '广东二', parent: '440000', kind: 'province' }), '省份须在最上层、大区或片区之下'],
      [api.send('territories.add', { nameZh: '南区', parent: 'HN', kind: 'territory' }), '大区只能在最上层'],
    ];
    for (const [p, zh] of cases) {
      const body = await refusal(p);
      expect(body.code).toBe('CONFLICT');
      expect(errorText(body, 'zh-CN')).toContain(zh);
    }
    await api.send('territories.add', { nameZh: '深圳市', nameEn: 'Shenzhen', code: 'SZ', parent: '440000' });
    const underCity = await refusal(api.send('territories.add', { nameZh: '南山区', parent: 'SZ' }));
    expect(errorText(underCity, 'en')).toBe('南山区 (city) cannot lie under SZ (city): nothing lies under a city');
    // a province with a city under it cannot become a city; it cannot be merged into a city either
    expect(errorText(await refusal(api.send('territories.rename', { code: '440000', kind: 'city' })), 'en')).toBe('SZ (city) cannot lie under 440000 (city): nothing lies under a city');
    // as a 片区 under 华南 it would fit, and so would its city
    expect(await api.send('territories.rename', { code: '440000', kind: 'subTerritory' })).toMatchObject({ kind: 'subTerritory' });
    await api.send('territories.rename', { code: '440000', kind: 'province' });
    await api.send('territories.add', { nameZh: '南宁市', code: 'NN', parent: '450000' });
    expect(errorText(await refusal(api.send('territories.move', { code: '440000', parent: 'NN' })), 'zh-CN')).toBe('440000（省份）不能放在 NN（城市）之下：城市之下不能再有下级');
    // merging 广东 into the city 南宁 would put 深圳 under a city
    expect(errorText(await refusal(api.send('territories.merge', { from: '440000', into: 'NN' })), 'en')).toBe('SZ (city) cannot lie under NN (city): nothing lies under a city');
    expect(await kindOf('440000')).toBe('province');
    expect((await api.send('territories.list', {})).filter((t) => t.parent === '440000').map((t) => t.code)).toEqual(['SZ']);
  });

  it('moves a 大区 under another as a 片区 and back; a kind can be changed where it fits; a city moves to another province', async () => {
    await api.send('territories.add', { nameZh: '苏南区', code: 'SUNAN' });
    expect(await api.send('territories.move', { code: 'SUNAN', parent: 'HD' })).toMatchObject({ parent: 'HD', kind: 'subTerritory' });
    expect(await api.send('territories.move', { code: 'SUNAN', parent: null })).toMatchObject({ parent: null, kind: 'territory' });
    // a top-level territory re-levelled as a province, then moved under 华南 as one
    expect(await api.send('territories.rename', { code: 'SUNAN', kind: 'province' })).toMatchObject({ kind: 'province' });
    expect(await api.send('territories.move', { code: 'SUNAN', parent: 'HN' })).toMatchObject({ parent: 'HN', kind: 'province' });
    const sz = await api.send('territories.add', { nameZh: '深圳市', code: 'SZ', parent: '440000' });
    const partner = (await api.send('partners.create', partnerInput('P1', { territory: sz.code }) as never)).id;
    expect(await api.send('territories.move', { code: 'SZ', parent: '450000' })).toMatchObject({ parent: '450000', kind: 'city' });
    // a city cannot move to the top level; a province can
    expect(errorText(await refusal(api.send('territories.move', { code: 'SZ', parent: null })), 'en')).toContain('at the top level: a city lies under');
    // deactivate and merge keep the partner
    await api.send('territories.setActive', { code: 'SZ', active: false });
    expect(await api.send('territories.merge', { from: 'SZ', into: '450000' })).toMatchObject({ movedPartners: 1 });
    expect((await api.send('partners.get', { id: partner })).territory).toBe('450000');
  });
});

describe('pwb territories add --kind', () => {
  it('adds a city under a standard province, lists its level, and refuses an unknown level', () => {
    const f = fileWorkspace();
    f.ws.close();
    try {
      const db = ['--db', f.path];
      const added = pwb(['territories', 'add', '深圳市', '--name-en', 'Shenzhen', '--kind', 'city', '--parent', '440000', ...db, '--json']);
      expect(added.code, added.stderr).toBe(0);
      expect(added.json()).toMatchObject({ code: 'SHENZHEN', nameZh: '深圳市', parent: '440000', kind: 'city' });
      const list = pwb(['territories', 'list', ...db, '--json']).json<Array<{ code: string; kind: string; parent: string | null }>>();
      expect(list.find((t) => t.code === 'SHENZHEN')).toMatchObject({ kind: 'city', parent: '440000' });
      const bad = pwb(['territories', 'add', '南山', '--kind', 'district', '--parent', 'SHENZHEN', ...db]);
      expect(bad.code).not.toBe(0);
      expect(bad.stderr).toMatch(/--kind district: expected one of territory, subTerritory, province, city/);
      const misfit = pwb(['territories', 'add', '南山区', '--parent', 'SHENZHEN', ...db], { PWB_LANG: 'en' });
      expect(misfit.code).not.toBe(0);
      expect(misfit.stderr).toMatch(/nothing lies under a city/);
    } finally {
      f.cleanup();
    }
  });
});

describe('cities on the map and in coverage', () => {
  it('counts a province with cities city by city, and gives each city its figures and the rest of the province', async () => {
    const add = async (code: string, extra: Record<string, unknown>) => (await api.send('partners.create', partnerInput(code, extra) as never)).id;
    const gd = async () => (await api.send('territories.coverage.provinces', { period: '2025-Q1' })).provinces.find((p) => p.code === '440000')!;
    await add('G1', { territory: 'HN', province: '广东省', city: '深圳市' });
    await add('G2', { territory: 'HN', province: '广东', city: '东莞' });
    // no cities defined: 广东 wants one partner and has two
    expect((await gd()).coverage).toEqual({ wanted: 1, covered: 1, ratio: 1 });
    expect((await gd()).cities).toBe(0);
    await api.send('territories.add', { nameZh: '深圳市', nameEn: 'Shenzhen', code: '440300', parent: '440000' });
    await api.send('territories.add', { nameZh: '广州市', nameEn: 'Guangzhou', code: '440100', parent: '440000' });
    const zh = await api.send('territories.add', { nameZh: '珠海市', code: '440400', parent: '440000' });
    await api.send('territories.setActive', { code: zh.code, active: false }); // an inactive city is not wanted
    const g3 = await add('G3', { territory: '440100' });
    sale(ws, g3, '2025-02-01', 123_45);
    // cities defined: 广东 is covered city by city — 深圳 (G1 by its city text) and 广州 (G3 assigned): 2 / 2
    expect(await gd()).toMatchObject({ cities: 2, activePartners: 3, coverage: { wanted: 2, covered: 2, ratio: 1 } });
    // 华南 counts 广东 twice (its two cities) and its other provinces once each
    const hn = (await api.send('territories.coverage.report', { territory: 'HN' })).territories.find((t) => t.code === 'HN')!;
    const hnProvinces = (await api.send('territories.list', {})).filter((t) => t.parent === 'HN' && t.kind === 'province' && t.active).length;
    expect(hn.wanted).toBe(hnProvinces - 1 + 2);
    const cities = await api.send('territories.coverage.cities', { province: '440000', period: '2025-Q1' });
    expect(cities.province).toEqual({ code: '440000', nameZh: '广东省', nameEn: 'Guangdong' });
    expect(cities.cities.map((c) => [c.code, c.activePartners, c.revenueMinor, c.coverage.covered, c.coverage.wanted])).toEqual([
      ['440100', 1, 123_45, 1, 1],
      ['440300', 1, 0, 1, 1],
    ]);
    expect(cities.elsewhere).toEqual({ activePartners: 1, revenueMinor: 0, healthScore: null }); // G2 in 东莞, not defined
    // a city without partners is a gap of its province
    await api.send('territories.add', { nameZh: '佛山市', code: '440600', parent: '440000' });
    expect((await gd()).coverage).toEqual({ wanted: 3, covered: 2, ratio: 2 / 3 });
    const gaps = (await api.send('territories.coverage.report', { territory: 'HN' })).gaps.map((g) => g.area);
    expect(gaps).toContain('440600');
    expect(errorText(await refusal(api.send('territories.coverage.cities', { province: 'HN' })), 'en')).toBe('Territory HN not found');
  });
});
