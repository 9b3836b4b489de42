import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { Api } from '../../../electron/api/api';
import type { Workspace } from '../../../db/database';
import { failure, writeFile, type ErrorData } from '../imports/importFixtures';
import { memoryApi, partnerInput, tempDir } from '../../helpers/workspace';
import { importErrorText } from '../../../shared/importMessages';

/** A row error's English words and where (its code and parameters are checked in tests/unit/imports/rowErrorLanguage.test.ts). */
const words = ({ code: _c, params: _p, ...e }: ErrorData['errors'][number]) => e;

const tmp = tempDir('pwb-inventory-imports-');
afterAll(() => tmp.cleanup());

const PRODUCTS = '产品编码,产品名称,英文名称,产品线,单位,底价,指导价,生效日期\r\nCAM-01,高清摄像机,HD camera,智能安防,台,80.00,120.00,2025-01-01\r\nNVR-08,八路录像机,8-ch NVR,智能安防,台,,900,\r\n';

let ws: Workspace;
let api: Api;
beforeEach(async () => {
  ({ ws, api } = memoryApi());
  await api.send('partners.create', partnerInput('P001'));
  await api.send('partners.create', partnerInput('P002', { territory: '330000' }));
});
const count = (table: string) => (ws.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;

async function importProducts(force = false) {
  return api.send('imports.run', { kind: 'products', path: writeFile(tmp.dir, 'products.csv', PRODUCTS), force });
}

describe('products import', () => {
  it('creates products with their price ranges; the same rows again change nothing; undo removes them', async () => {
    const first = await importProducts();
    expect(first).toMatchObject({ inserted: 2, updated: 0, rejected: 0 });
    expect(ws.sqlite.prepare('select code, name_zh, name_en, product_line, unit from products order by code').all()).toEqual([
      { code: 'CAM-01', name_zh: '高清摄像机', name_en: 'HD camera', product_line: '智能安防', unit: '台' },
      { code: 'NVR-08', name_zh: '八路录像机', name_en: '8-ch NVR', product_line: '智能安防', unit: '台' },
    ]);
    expect(ws.sqlite.prepare('select valid_from, valid_to, floor_price_minor, list_price_minor from product_prices order by floor_price_minor').all()).toEqual([
      { valid_from: '0000-01-01', valid_to: null, floor_price_minor: null, list_price_minor: 90000 },
      { valid_from: '2025-01-01', valid_to: null, floor_price_minor: 8000, list_price_minor: 12000 },
    ]);
    // A later price list adds a range and corrects a name: one product updated, nothing doubled.
    const later = writeFile(tmp.dir, 'p2.csv', '产品编码,产品名称,底价,指导价,生效日期\r\nCAM-01,高清摄像机 2代,85,125,2026-01-01\r\nNVR-08,八路录像机,,900,\r\n');
    const second = await api.send('imports.run', { kind: 'products', path: later });
    expect(second).toMatchObject({ inserted: 0, updated: 1, duplicates: 1 });
    expect(count('product_prices')).toBe(3);
    await api.send('imports.undo', { id: second.importId });
    expect(count('product_prices')).toBe(2);
    expect((ws.sqlite.prepare(`select name_zh from products where code = 'CAM-01'`).get() as { name_zh: string }).name_zh).toBe('高清摄像机');
    expect((await failure(importProducts())).body.code).toBe('CONFLICT');
    expect(await importProducts(true)).toMatchObject({ inserted: 0, updated: 0, duplicates: 2 });
  });

  it('refuses a floor above the list price and a new product without a name, naming row and column', async () => {
    const bad = writeFile(tmp.dir, 'bad-products.csv', 'Product Code,Name,Floor Price,List Price\r\nA1,Widget,10,12\r\nA2,Gadget,15,12\r\nA3,,1,2\r\n');
    const e = await failure(api.send('imports.run', { kind: 'products', path: bad }));
    const data = e.body.data as ErrorData;
    expect(data.errors.map(words)).toEqual([
      { row: 3, column: 'Floor Price', value: '15', message: 'the floor price is above the list price' },
      { row: 4, column: 'Name', value: '', message: "product 'A3' is new: it needs a name" },
    ]);
    expect(count('products')).toBe(0);
  });
});

describe('inventory import (库存上报)', () => {
  it('stores snapshots; a re-export adds nothing, a corrected quantity is an update that undo restores', async () => {
    await importProducts();
    const file = writeFile(tmp.dir, 'stock.csv', '经销商编码,库存日期,产品编码,库存数量,库存金额,仓库\r\nP001,2025-03-31,CAM-01,40,3200,杭州仓\r\nP001,2025-03-31,八路录像机,5,,杭州仓\r\nP002,2025-03-31,cam-01,7,,\r\n');
    const first = await api.send('imports.run', { kind: 'inventory', path: file });
    expect(first).toMatchObject({ inserted: 3, updated: 0, duplicates: 0 });
    expect(ws.sqlite.prepare('select warehouse, quantity, value_minor from inventory_snapshots order by id').all()).toEqual([
      { warehouse: '杭州仓', quantity: 40, value_minor: 320000 },
      { warehouse: '杭州仓', quantity: 5, value_minor: null },
      { warehouse: '', quantity: 7, value_minor: null },
    ]);
    const corrected = writeFile(tmp.dir, 'stock2.csv', '经销商编码,库存日期,产品编码,库存数量,库存金额,仓库\r\nP001,2025-03-31,CAM-01,40,3200,杭州仓\r\nP001,2025-03-31,NVR-08,6,,杭州仓\r\nP001,2025-04-30,CAM-01,12,,杭州仓\r\n');
    const second = await api.send('imports.run', { kind: 'inventory', path: corrected });
    expect(second).toMatchObject({ inserted: 1, updated: 1, duplicates: 1 });
    expect(await api.send('imports.run', { kind: 'inventory', path: corrected, force: true })).toMatchObject({ inserted: 0, updated: 0, duplicates: 3 });
    // The first import cannot be undone while the correction stands on one of its rows.
    const refused = await failure(api.send('imports.undo', { id: first.importId }));
    expect(refused.body.code).toBe('CONFLICT');
    await api.send('imports.undo', { id: second.importId });
    expect(ws.sqlite.prepare('select date, quantity from inventory_snapshots order by id').all()).toEqual([
      { date: '2025-03-31', quantity: 40 },
      { date: '2025-03-31', quantity: 5 },
      { date: '2025-03-31', quantity: 7 },
    ]);
    await api.send('imports.undo', { id: first.importId });
    expect(count('inventory_snapshots')).toBe(0);
  });

  it('names file, row and column for unknown products and partners, negative stock and one key twice', async () => {
    await importProducts();
    const file = writeFile(tmp.dir, 'stock-bad.csv', 'Partner Code,Date,Product,Quantity,Warehouse\r\nP001,2025-03-31,CAM-99,4,\r\nP009,2025-03-31,CAM-01,4,\r\nP001,2025-03-31,CAM-01,-1,\r\nP001,2025-03-31,CAM-01,3,A\r\nP001,2025-03-31,CAM-01,3,A\r\n');
    const e = await failure(api.send('imports.run', { kind: 'inventory', path: file }));
    expect(e.message).toContain('stock-bad.csv');
    expect((e.body.data as ErrorData).errors.map(words)).toEqual([
      { row: 2, column: 'Product', value: 'CAM-99', message: "unknown product 'CAM-99' (import the products first)" },
      { row: 3, column: 'Partner Code', value: 'P009', message: "unknown partner code 'P009' (import the partners first)" },
      { row: 4, column: 'Quantity', value: '-1', message: 'a stock quantity cannot be negative' },
      { row: 6, column: null, value: null, message: 'row 5 of this file has the same partner, date, product and warehouse (sum them, or name the warehouses)' },
    ]);
    // The first of the two rows is named, so the pair is found in a report of thousands (the fifth row, not the
    // fourth: its warehouse is empty, another key), in the wizard's language too.
    const twice = (e.body.data as ErrorData).errors[3];
    expect(importErrorText(twice, 'zh-CN')).toBe('本文件第 5 行的伙伴、日期、产品和仓库与此行相同（请合并数量，或注明仓库）');
    const preview = await api.send('imports.preview', { kind: 'inventory', path: file });
    expect(preview.summary.errors.find((x) => x.code === 'duplicateStockRow')).toMatchObject({ row: 6, params: { row: 5 } });
    expect(count('inventory_snapshots')).toBe(0);
  });
});

describe('sell-through import (动销/出货)', () => {
  const header = '经销商编码,销售日期,产品编码,数量,金额,客户编码,客户名称,客户省份,客户城市,订单号\r\n';
  it('resolves products and customer provinces; re-importing, also as a later export holding the same lines, adds nothing', async () => {
    await importProducts();
    const rows = 'P001,2025-02-03,CAM-01,2,200,C1,宁波甬安,浙江,宁波,SO1\r\nP001,2025-02-03,CAM-01,2,200,C1,宁波甬安,浙江,宁波,SO1\r\nP002,2025-02-04,高清摄像机,-1,-95,C2,,广东省,,RT1\r\nP002,2025-02-05,NVR-08,1,950,,,,,\r\n';
    const file = writeFile(tmp.dir, 'st.csv', header + rows);
    expect(await api.send('imports.run', { kind: 'sell-through', path: file })).toMatchObject({ inserted: 4, duplicates: 0 });
    expect(ws.sqlite.prepare('select p.code, s.quantity, s.amount_minor, s.customer_province, t.code as territory from sell_through_lines s join products p on p.id = s.product_id left join territories t on t.id = s.customer_territory_id order by s.id').all()).toEqual([
      { code: 'CAM-01', quantity: 2, amount_minor: 20000, customer_province: '浙江', territory: '330000' },
      { code: 'CAM-01', quantity: 2, amount_minor: 20000, customer_province: '浙江', territory: '330000' },
      { code: 'CAM-01', quantity: -1, amount_minor: -9500, customer_province: '广东省', territory: '440000' },
      { code: 'NVR-08', quantity: 1, amount_minor: 95000, customer_province: null, territory: null },
    ]);
    const later = writeFile(tmp.dir, 'st-later.csv', header + rows + 'P001,2025-03-01,CAM-01,1,110,C3,,Zhejiang,,SO9\r\n');
    expect(await api.send('imports.run', { kind: 'sell-through', path: later })).toMatchObject({ inserted: 1, duplicates: 4 });
    const refused = await failure(api.send('imports.run', { kind: 'sell-through', path: file }));
    expect(refused.body.code).toBe('CONFLICT');
    expect(count('sell_through_lines')).toBe(5);
  });

  it('refuses an unknown province or product and a return with a positive amount, all or nothing', async () => {
    await importProducts();
    const file = writeFile(tmp.dir, 'st-bad.csv', header + 'P001,2025-02-03,CAM-01,2,200,C1,,浙江,,SO1\r\nP001,2025-02-03,CAM-01,2,200,C1,,火星,,SO2\r\nP001,2025-02-03,XX-1,2,200,C1,,,,SO3\r\nP001,2025-02-03,CAM-01,-2,200,C1,,,,SO4\r\n');
    const e = await failure(api.send('imports.run', { kind: 'sell-through', path: file }));
    expect((e.body.data as ErrorData).errors.map(words)).toEqual([
      { row: 3, column: '客户省份', value: '火星', message: "'火星' is not a province of the territory tree (浙江, 浙江省, Zhejiang or 330000)" },
      { row: 4, column: '产品编码', value: 'XX-1', message: "unknown product 'XX-1' (import the products first)" },
      { row: 5, column: '数量', value: '-2', message: 'negative quantity with a positive amount (a return has both negative)' },
    ]);
    expect(count('sell_through_lines')).toBe(0);
  });
});
