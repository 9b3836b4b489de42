import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createApi } from '../../../electron/api/api';
import { listReference, publishReference, pullReference } from '../../../electron/domain/hq/referenceData';
import { errorText } from '../../../shared/errorMessages';
import { useHqServer } from '../../helpers/hqServer';
import { fileWorkspace } from '../../helpers/workspace';

/**
 * HQ products carry their price periods (floor and list price, valid from/to): published with the product, pulled as
 * read-only reference data, local edits refused in words. A product HQ publishes without prices leaves them to the
 * office.
 */
const PW = 'office-password-prices';

const server = useHqServer({ password: PW, roles: ['office_east'] });

type Body = { code: string; message: string; data: unknown };
const bodyOf = (p: Promise<unknown>) => p.then(() => null, (e: { body?: Body }) => e.body ?? null);

describe('HQ product prices (real PostgreSQL)', () => {
  it('pulled with the product, read-only here and refused in words; a product without HQ prices keeps the office\'s', async () => {
    const w = fileWorkspace();
    const office = new pg.Client({ connectionString: server.url('office_east') });
    await office.connect();
    try {
      const api = createApi({ ws: w.ws, user: 'tester' });
      // The office had priced both products itself before HQ published them.
      for (const code of ['SKU-P1', 'SKU-P2']) {
        const p = await api.send('products.create', { code, nameZh: `本地 ${code}` });
        await api.send('products.setPrice', { productId: p.id, validFrom: '2024-01-01', floorPriceMinor: 50_000, listPriceMinor: 80_000 });
      }
      await publishReference(server.admin, 'product', [
        { code: 'SKU-P1', name: '净水器 P1', data: { unit: '台' } },
        {
          code: 'SKU-P2',
          name: '净水器 P2',
          data: {
            unit: '台',
            prices: [
              { validFrom: '2025-01-01', validTo: '2025-06-30', floorPriceMinor: 100_000, listPriceMinor: 150_000 },
              { validFrom: '2025-07-01', listPriceMinor: 160_000, currency: 'cny' },
            ],
          },
        },
      ]);
      await pullReference(w.ws, office);
      const byCode = async () => new Map((await api.send('products.list', {})).map((p) => [p.code, p]));
      let products = await byCode();
      const p2 = products.get('SKU-P2')!;
      expect(p2).toMatchObject({ nameZh: '净水器 P2', hqPrices: true });
      expect(p2.hqVersion).toBeGreaterThan(0);
      // HQ's periods replace the office's, newest first.
      expect(p2.prices.map(({ id: _id, ...x }) => x)).toEqual([
        { validFrom: '2025-07-01', validTo: null, floorPriceMinor: null, listPriceMinor: 160_000, currency: 'CNY' },
        { validFrom: '2025-01-01', validTo: '2025-06-30', floorPriceMinor: 100_000, listPriceMinor: 150_000, currency: 'CNY' },
      ]);
      expect(listReference(w.ws, 'product').find((x) => x.code === 'SKU-P2')?.data.prices).toHaveLength(2);
      // HQ's item without prices: the product is HQ's, its prices stay the office's and editable.
      const p1 = products.get('SKU-P1')!;
      expect(p1).toMatchObject({ nameZh: '净水器 P1', hqPrices: false, prices: [expect.objectContaining({ validFrom: '2024-01-01', floorPriceMinor: 50_000 })] });
      await api.send('products.setPrice', { productId: p1.id, validFrom: '2025-03-01', floorPriceMinor: 55_000 });

      // A local price on HQ's prices is refused in words, in both languages, and audited as refused.
      const refused = await bodyOf(api.send('products.setPrice', { productId: p2.id, validFrom: '2025-09-01', floorPriceMinor: 1 }));
      expect(refused).toMatchObject({ code: 'FORBIDDEN', data: { reason: 'hq.referencePricesReadOnly', params: { code: 'SKU-P2', version: p2.hqVersion } } });
      expect(errorText(refused!, 'zh-CN')).toBe(`产品 SKU-P2 的价格由总部统一下发（版本 ${p2.hqVersion}），不能在本地设置、修改或删除；请联系总部调整价格，再运行“从总部获取”（pwb hq pull）`);
      expect(errorText(refused!, 'en')).toBe(`The prices of product SKU-P2 come from HQ (version ${p2.hqVersion}) and cannot be set, changed or deleted here; ask HQ to change them, then pull from HQ (pwb hq pull)`);
      expect(w.ws.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE operation = 'products.setPrice' AND outcome = 'refused'").get()).toEqual({ n: 1 });
      // Any other path (an import, a bug) hits the triggers.
      expect(() => w.ws.sqlite.prepare("INSERT INTO product_prices (product_id, valid_from, list_price_minor) VALUES (?, '2026-01-01', 1)").run(p2.id)).toThrow(/READ_ONLY_HQ: productPrice/);
      expect(() => w.ws.sqlite.prepare('UPDATE product_prices SET floor_price_minor = 1 WHERE product_id = ?').run(p2.id)).toThrow(/READ_ONLY_HQ: productPrice/);
      expect(() => w.ws.sqlite.prepare('DELETE FROM product_prices WHERE product_id = ?').run(p2.id)).toThrow(/READ_ONLY_HQ: productPrice/);
      expect(() => w.ws.sqlite.prepare('UPDATE product_prices SET product_id = ? WHERE product_id = ?').run(p2.id, p1.id)).toThrow(/READ_ONLY_HQ: productPrice/);
      expect((await byCode()).get('SKU-P2')!.prices).toHaveLength(2);

      // HQ changes the prices and starts pricing P1: the next pull replaces both products' periods.
      await publishReference(server.admin, 'product', [
        { code: 'SKU-P1', name: '净水器 P1', data: { unit: '台', prices: [{ validFrom: '2025-01-01', floorPriceMinor: 70_000 }] } },
        { code: 'SKU-P2', name: '净水器 P2', data: { unit: '台', prices: [{ validFrom: '2025-01-01', floorPriceMinor: 110_000, listPriceMinor: 170_000 }] } },
      ]);
      await pullReference(w.ws, office);
      products = await byCode();
      expect(products.get('SKU-P1')).toMatchObject({ hqPrices: true, prices: [expect.objectContaining({ validFrom: '2025-01-01', floorPriceMinor: 70_000, listPriceMinor: null })] });
      expect(products.get('SKU-P1')!.prices).toHaveLength(1);
      expect(products.get('SKU-P2')!.prices.map((x) => [x.validFrom, x.floorPriceMinor, x.listPriceMinor])).toEqual([['2025-01-01', 110_000, 170_000]]);
      expect(await bodyOf(api.send('products.setPrice', { productId: p1.id, validFrom: '2025-03-01', floorPriceMinor: 1 }))).toMatchObject({ data: { reason: 'hq.referencePricesReadOnly' } });

      // Bad prices are refused when HQ publishes them, naming the product, the period and the field; nothing changes.
      const bad = async (prices: unknown) => {
        try {
          await publishReference(server.admin, 'product', [{ code: 'SKU-P2', name: '净水器 P2', data: { prices } }]);
        } catch (e) {
          return e as Body;
        }
        throw new Error('not refused');
      };
      const noDay = await bad([{ validFrom: '2025-01-01', listPriceMinor: 1 }, { validFrom: '2025-02-30', listPriceMinor: 1 }]);
      expect(noDay).toMatchObject({ data: { reason: 'hq.referencePriceInvalid', params: { code: 'SKU-P2', period: 2, field: 'validFrom' } } });
      expect(errorText(noDay, 'zh-CN')).toContain('总部产品 SKU-P2 的第 2 个价格时段无效（validFrom）');
      expect(errorText(noDay, 'en')).toContain('HQ product SKU-P2: price period 2 (validFrom) is not valid');
      expect(await bad([{ validFrom: '2025-01-01', floorPrice: 100 }])).toMatchObject({ data: { reason: 'hq.referencePriceInvalid', params: { period: 1, field: 'floorPrice' } } });
      expect(await bad([{ validFrom: '2025-01-01', listPriceMinor: 12.5 }])).toMatchObject({ data: { params: { field: 'listPriceMinor' } } });
      expect(await bad([{ validFrom: '2025-03-01', validTo: '2025-02-01', listPriceMinor: 1 }])).toMatchObject({ data: { params: { field: 'validTo' } } });
      expect(await bad('1000')).toMatchObject({ data: { reason: 'hq.referencePriceInvalid', params: { field: 'prices' } } });
      const twice = await bad([{ validFrom: '2025-01-01', listPriceMinor: 1 }, { validFrom: '2025-01-01', listPriceMinor: 2 }]);
      expect(twice).toMatchObject({ data: { reason: 'hq.referencePriceDuplicate', params: { code: 'SKU-P2', validFrom: '2025-01-01' } } });
      expect(errorText(twice, 'en')).toBe('HQ product SKU-P2 has two price periods starting on 2025-01-01; one period per start day');
      expect(Number((await server.admin.query("SELECT count(*) AS n FROM hq.reference_data WHERE code = 'SKU-P2' AND data->'prices'->0->>'floorPriceMinor' = '110000'")).rows[0].n)).toBe(1);

      // Withdrawn by HQ: the product and its last prices stay, the office's again.
      await publishReference(server.admin, 'product', [{ code: 'SKU-P1', name: '净水器 P1', data: { unit: '台', prices: [{ validFrom: '2025-01-01', floorPriceMinor: 70_000 }] } }]);
      await pullReference(w.ws, office);
      const released = (await byCode()).get('SKU-P2')!;
      expect(released).toMatchObject({ hqVersion: null, hqPrices: false, active: false, prices: [expect.objectContaining({ floorPriceMinor: 110_000 })] });
      const repriced = await api.send('products.setPrice', { productId: released.id, validFrom: '2026-01-01', floorPriceMinor: 120_000 });
      expect(repriced.prices[0]).toMatchObject({ validFrom: '2026-01-01', floorPriceMinor: 120_000 });
    } finally {
      await office.end();
      w.cleanup();
    }
  }, 120_000);
});
