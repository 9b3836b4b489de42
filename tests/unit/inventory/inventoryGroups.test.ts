import { afterAll, describe, expect, it } from 'vitest';
import { memoryApi, tempDir } from '../../helpers/workspace';
import { seedChannelFixture } from './channelFixture';

const tmp = tempDir('pwb-inventory-groups-');
afterAll(() => tmp.cleanup());

describe('channel measures per territory and channel type', () => {
  it('sums the partners of a top-level territory (sub-territories included) and recomputes the ratios from the sums', async () => {
    const { api } = memoryApi();
    await seedChannelFixture(api, tmp.dir);
    await api.send('partners.update', { id: (await api.send('partners.getByCode', { code: 'P002' })).id, patch: { channelType: 'retail' } });
    const o = await api.send('inventory.overview', { period: '2025-Q1' });
    const hd = o.groups.find((g) => g.by === 'territory' && g.key === 'HD')!;
    // P001 (华东), P002 (浙江) and P003 (华东北片) report; P004 reports nothing and is not on the page.
    expect(hd).toMatchObject({ name: '华东', partners: 3, locatedLines: 5, crossTerritoryLines: 2, crossTerritoryShare: 0.4, pricedLines: 5, belowFloorLines: 1, belowFloorShare: 0.2 });
    // Sell-in 140 (P001) + 10 (P003) against sell-through 70 + 5; P002 has no sell-in, so its rate cannot be measured and
    // its 20 sold through stay out of the rate (an average of the two rates would also give 0.5: P003 sells 5 of 10).
    expect(hd.sellInQuantity).toBe(150);
    expect(hd.sellThroughQuantity).toBe(95);
    expect(hd.sellThroughRate).toBe(0.5);
    // DOI from P001 and P002 (stock and sell-through both known): (60 + 10) ÷ ((70 + 20) ÷ 90 days) = 70; P003 has no stock report.
    expect(hd.daysOfInventory).toBe(70);
    const byType = Object.fromEntries(o.groups.filter((g) => g.by === 'channelType').map((g) => [g.key, g.partners]));
    expect(byType.retail).toBe(1);
    expect(Object.values(byType).reduce((a, b) => a + b, 0)).toBe(3);
  });
});
