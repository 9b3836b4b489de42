import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../../electron/api/api';
import { memoryApi, partnerInput, tempDir } from '../../helpers/workspace';
import { writeFile } from '../imports/importFixtures';

/**
 * A 窜货 or 控价 share that cannot be measured says why (the page shows "—" with the reason): no sale line in the
 * period, no territory, no customer province, no amount, no floor price. 2025-Q1; CAM-01 has a floor, NVR-08 none.
 */
const tmp = tempDir('pwb-share-missing-');
let api: Api;
beforeAll(async () => {
  api = memoryApi().api;
  for (const [code, territory] of [['S1', 'HD'], ['S2', 'HD'], ['S3', null], ['S4', 'HD'], ['S5', 'HD']] as const) await api.send('partners.create', partnerInput(code, { territory }));
  const run = (kind: 'products' | 'sell-through', name: string, text: string) => api.send('imports.run', { kind, path: writeFile(tmp.dir, name, text) });
  await run('products', 'products.csv', 'code,nameZh,floorPrice,listPrice\r\nCAM-01,摄像机,80,120\r\nNVR-08,录像机,,900\r\n');
  await run(
    'sell-through',
    'st.csv',
    'partnerCode,date,product,quantity,amount,customerRef,customerProvince\r\n' +
      'S1,2025-02-01,NVR-08,2,1800,C1,浙江\r\n' + // located (inside), priced nowhere: NVR-08 has no floor
      'S2,2025-02-01,CAM-01,2,,C2,\r\n' + // no province, no amount
      'S3,2025-02-01,CAM-01,2,100,C3,广东\r\n' + // a province but no territory to be outside of; under the floor
      'S4,2025-02-01,CAM-01,-1,-90,C4,浙江\r\n' + // a return only: no sale
      'S5,2024-12-01,CAM-01,1,100,C5,浙江\r\n', // sold in the quarter before, nothing in this one
  );
});
afterAll(() => tmp.cleanup());

describe('why a 窜货 / 控价 share is missing', () => {
  it('names the reason per partner, and none where the share has a value', async () => {
    const o = await api.send('inventory.overview', { period: '2025-Q1' });
    const why = (code: string) => {
      const p = o.partners.find((r) => r.partnerCode === code)!;
      return [p.crossTerritoryShare, p.crossTerritoryShareMissing, p.belowFloorShare, p.belowFloorShareMissing];
    };
    expect(why('S1')).toEqual([0, null, null, 'noFloor']);
    expect(why('S2')).toEqual([null, 'noProvince', null, 'noAmount']);
    expect(why('S3')).toEqual([null, 'noTerritory', 1, null]);
    expect(why('S4')).toEqual([null, 'noSales', null, 'noSales']);
    expect(why('S5')).toEqual([null, 'noSales', null, 'noSales']);
  });

  it("gives a territory or channel-type total each of its partners' reasons when none of them can be measured", async () => {
    const o = await api.send('inventory.overview', { period: '2025-Q1' });
    const why = (by: string, key: string) => {
      const g = o.groups.find((r) => r.by === by && r.key === key)!;
      return [g.crossTerritoryShare, g.crossTerritoryShareMissing, g.belowFloorShare, g.belowFloorShareMissing];
    };
    // 华东 (S1, S2, S4, S5): S1's located line gives 0 %; no line is priced — S1's product has no floor, S2's line no
    // amount, S4 and S5 no sale — so the total names the three reasons, each once.
    expect(why('territory', 'HD')).toEqual([0, [], null, ['noSales', 'noAmount', 'noFloor']]);
    // S3 alone has no territory: its line is priced (under the floor), its share outside the territory is not measurable.
    expect(why('territory', '')).toEqual([null, ['noTerritory'], 1, []]);
    // All five share one channel type: S1 locates a line, S3 prices one, so both shares have a value and no reason.
    const types = o.groups.filter((g) => g.by === 'channelType');
    expect(types.map((g) => [g.partners, g.crossTerritoryShareMissing, g.belowFloorShareMissing])).toEqual([[5, [], []]]);
  });
});
