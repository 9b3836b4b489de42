import { readFileSync } from 'node:fs';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { Api } from '../../../electron/api/api';
import type { Workspace } from '../../../db/database';
import { memoryApi, partnerInput, tempDir } from '../../helpers/workspace';
import { writeFile } from './importFixtures';

/**
 * A quantity written as a percentage (a cell formatted % in the partner's sheet, "5%") is a row error in every kind
 * that reads quantities: it was read as 0.05 pieces and stored without a word. Amounts refuse it the same way.
 */
const tmp = tempDir('pwb-quantity-percent-');
afterAll(() => tmp.cleanup());

let ws: Workspace;
let api: Api;
beforeEach(async () => {
  ({ ws, api } = memoryApi());
  await api.send('partners.create', partnerInput('P001'));
  await api.send('imports.run', { kind: 'products', path: writeFile(tmp.dir, 'products.csv', 'code,nameZh\r\nCAM-01,高清摄像机\r\n') });
});
const count = (table: string) => (ws.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;

const FILES = {
  sales: ['sales_lines', 'Partner Code,Order Date,Order ID,Product,Quantity,Sales\r\nP001,2025-01-02,SO-1,CAM-01,2,10\r\nP001,2025-01-02,SO-2,CAM-01,5%,10\r\n'],
  'sell-through': ['sell_through_lines', 'partnerCode,date,product,quantity,amount,orderRef\r\nP001,2025-01-03,CAM-01,1,100,ST-1\r\nP001,2025-01-03,CAM-01,5%,100,ST-2\r\n'],
  inventory: ['inventory_snapshots', 'partnerCode,date,product,quantity\r\nP001,2025-01-31,CAM-01,7\r\nP001,2025-02-28,CAM-01,5%\r\n'],
} as const;

describe('a quantity written as a percentage', () => {
  for (const [kind, [table, csv]] of Object.entries(FILES)) {
    it(`${kind}: is a row error naming row 3 and the quantity column, in the run's language; the valid row kept when asked`, async () => {
      const path = writeFile(tmp.dir, `${kind}.csv`, csv);
      const zh = await api.send('imports.run', { kind: kind as 'sales', path, acceptValid: true, language: 'zh-CN' });
      expect(zh).toMatchObject({ inserted: 1, rejected: 1 });
      expect(zh.errors).toEqual([expect.objectContaining({ row: 3, code: 'quantityPercent', value: '5%' })]);
      expect(readFileSync(zh.rejectedFile!, 'utf8')).toContain('数量不能是百分数');
      expect(zh.errors[0].column?.toLowerCase()).toBe('quantity');
      expect(count(table)).toBe(1);
      await api.send('imports.undo', { id: zh.importId! });
      const en = await api.send('imports.run', { kind: kind as 'sales', path, acceptValid: true, language: 'en', force: true });
      expect(en.errors[0].message).toContain('a quantity cannot be a percentage');
    });
  }
});
