import { describe, expect, it } from 'vitest';
import { withReferenceWrites } from '../../../db/database';
import { mirrorReference } from '../../../electron/domain/hq/referenceMirror';
import { errorText } from '../../../shared/errorMessages';
import { memoryApi } from '../../helpers/workspace';

describe('products (Settings → Products)', () => {
  it('adds, edits and prices the office\'s products; a product pulled from HQ is refused in words, its prices stay the office\'s', async () => {
    const { ws, api } = memoryApi();
    const p = await api.send('products.create', { code: 'SKU-1', nameZh: '标准机型', nameEn: 'Standard unit', productLine: '整机', unit: '台' });
    expect(p).toMatchObject({ code: 'SKU-1', nameZh: '标准机型', productLine: '整机', unit: '台', active: true, hqVersion: null, prices: [] });
    await expect(api.send('products.create', { code: 'sku-1', nameZh: '重复' })).rejects.toMatchObject({ body: { code: 'CONFLICT', data: { reason: 'productCodeTaken' } } });
    const edited = await api.send('products.update', { id: p.id, patch: { productLine: '', unit: '套', active: false } });
    expect(edited).toMatchObject({ productLine: null, unit: '套', active: false });

    // Price periods by date range; the same start day replaces its period.
    await api.send('products.setPrice', { productId: p.id, validFrom: '2025-01-01', validTo: '2025-06-30', floorPriceMinor: 100_000, listPriceMinor: 150_000 });
    await api.send('products.setPrice', { productId: p.id, validFrom: '2025-07-01', listPriceMinor: 160_000 });
    const priced = await api.send('products.setPrice', { productId: p.id, validFrom: '2025-01-01', validTo: '2025-06-30', floorPriceMinor: 110_000, listPriceMinor: 150_000 });
    expect(priced.prices).toEqual([
      expect.objectContaining({ validFrom: '2025-07-01', validTo: null, floorPriceMinor: null, listPriceMinor: 160_000, currency: 'CNY' }),
      expect.objectContaining({ validFrom: '2025-01-01', validTo: '2025-06-30', floorPriceMinor: 110_000, listPriceMinor: 150_000 }),
    ]);
    await expect(api.send('products.setPrice', { productId: p.id, validFrom: '2025-03-01', validTo: '2025-02-01', listPriceMinor: 1 })).rejects.toMatchObject({ body: { code: 'INVALID_INPUT' } });
    await expect(api.send('products.setPrice', { productId: p.id, validFrom: '2025-03-01' })).rejects.toMatchObject({ body: { code: 'INVALID_INPUT' } });
    await expect(api.send('products.setPrice', { productId: p.id, validFrom: '2025-02-30', listPriceMinor: 1 })).rejects.toMatchObject({ body: { code: 'INVALID_INPUT' } });
    await expect(api.send('products.update', { id: 999_999, patch: { unit: '台' } })).rejects.toMatchObject({ body: { code: 'NOT_FOUND' } });

    // A product HQ publishes (pwb hq pull) takes over the row: marked, and read-only here.
    withReferenceWrites(ws.sqlite, () => mirrorReference(ws, { kind: 'product', code: 'SKU-1', name: '总部标准机型', version: 7, data: { nameEn: 'HQ standard unit', productLine: '整机', unit: '台' } }, '2026-01-10T02:00:00.000Z'));
    const list = await api.send('products.list', {});
    expect(list.find((x) => x.code === 'SKU-1')).toMatchObject({ nameZh: '总部标准机型', hqVersion: 7, active: true });
    const refused = await api.send('products.update', { id: p.id, patch: { nameZh: '本地改名' } }).catch((e: unknown) => e);
    const body = (refused as { body: { message: string; data: unknown } }).body;
    expect(body).toMatchObject({ code: 'FORBIDDEN', data: { reason: 'hq.referenceReadOnly', params: { kind: 'product', code: 'SKU-1', version: 7 } } });
    expect(errorText(body, 'zh-CN')).toContain('产品 SKU-1 由总部统一下发（版本 7），不能在本地修改或删除');
    expect(errorText(body, 'en')).toContain('Product SKU-1 comes from HQ (version 7)');
    expect((await api.send('products.list', {})).find((x) => x.code === 'SKU-1')?.nameZh).toBe('总部标准机型');
    // Prices are the office's own, also for HQ's products.
    const hqPriced = await api.send('products.setPrice', { productId: p.id, validFrom: '2026-01-01', floorPriceMinor: 120_000 });
    expect(hqPriced.prices[0]).toMatchObject({ validFrom: '2026-01-01', floorPriceMinor: 120_000 });
    // Every change is audited under the product.
    const audited = ws.sqlite.prepare("SELECT operation, outcome FROM audit_log WHERE entity = 'product' ORDER BY id").all() as Array<{ operation: string; outcome: string }>;
    expect(audited.map((a) => a.operation)).toEqual(expect.arrayContaining(['products.create', 'products.update', 'products.setPrice']));
  });
});
