import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openWorkspace, type Workspace } from '../../../db/database';
import { createApi, type Api } from '../../../electron/api/api';
import { bulkTuning } from '../../../electron/domain/imports/bulkIndexes';
import { tempDir } from '../../helpers/workspace';
import { seedPartners, writeFile } from './importFixtures';

/**
 * The sales and sell-through stages leave a line reference's dedupe key and the default currency out (null) and the
 * save derives them (SALES_STAGE.derived, SELL_THROUGH_STAGE.derived): what is stored is the same as when they were staged — `ref:<lineRef>` or the
 * content key, the file's currency or CNY — on the ordinary save and on the bulk append, and a re-import finds the
 * same lines as duplicates.
 */
const HEADER = 'Partner Code,Order Date,Line ID,Sales,Currency\r\n';
const FILE = `${HEADER}P001,2024-01-02,L1,10,\r\nP001,2024-01-03,L2,20,USD\r\nP002,2024-01-04,,30,\r\nP002,2024-01-05,,40,EUR\r\nP003,2024-01-06,ref:odd,50,CNY\r\n`;

describe('imports: columns the sales and sell-through stages derive when saving', () => {
  let ws: Workspace;
  let api: Api;
  let tmp: ReturnType<typeof tempDir>;
  const saved = { ...bulkTuning };
  beforeEach(async () => {
    tmp = tempDir();
    ws = openWorkspace(join(tmp.dir, 'w.sqlite'));
    api = createApi({ ws, user: 'test' });
    await seedPartners(api, 3);
  });
  afterEach(() => {
    Object.assign(bulkTuning, saved);
    ws.close();
    tmp.cleanup();
  });

  const stored = (table: 'sales_lines' | 'sell_through_lines') =>
    ws.sqlite.prepare(`select p.code, l.line_ref, l.currency, l.dedupe_key from ${table} l join partners p on p.id = l.partner_id order by l.id`).all() as Array<{
      code: string;
      line_ref: string | null;
      currency: string;
      dedupe_key: string;
    }>;
  const ST_HEADER = 'partnerCode,date,product,quantity,amount,currency,customerRef,lineRef\r\n';
  const ST_FILE = `${ST_HEADER}P001,2024-01-02,CAM-01,1,10,,C1,L1\r\nP001,2024-01-03,CAM-01,2,20,USD,C1,L2\r\nP002,2024-01-04,CAM-01,3,30,,C2,\r\nP002,2024-01-05,CAM-01,4,40,EUR,C2,\r\nP003,2024-01-06,CAM-01,5,50,CNY,,ref:odd\r\n`;
  // The same five lines as each kind's file, and a sixth with a line reference for the re-import.
  const kinds = [
    { kind: 'sales', table: 'sales_lines', file: FILE, more: 'P003,2024-01-07,L9,60,\r\n', title: '' },
    { kind: 'sell-through', table: 'sell_through_lines', file: ST_FILE, more: 'P003,2024-01-07,CAM-01,6,60,,C3,L9\r\n', title: 'sell-through, ' },
  ] as const;

  for (const k of kinds)
    for (const bulk of [false, true]) {
      it(`${k.title}${bulk ? 'bulk append' : 'ordinary save'}: line-reference keys and currencies as the file says, content keys for lines without one`, async () => {
        if (k.kind === 'sell-through') await api.send('imports.run', { kind: 'products', path: writeFile(tmp.dir, 'products.csv', 'code,nameZh\r\nCAM-01,摄像机\r\n') });
        Object.assign(bulkTuning, bulk ? { minFileBytes: 0 } : saved);
        const r = await api.send('imports.run', { kind: k.kind, path: writeFile(tmp.dir, 'a.csv', k.file) });
        expect(r.inserted).toBe(5);
        const rows = stored(k.table);
        expect(rows.map(({ code, line_ref, currency }) => [code, line_ref, currency])).toEqual([
          ['P001', 'L1', 'CNY'],
          ['P001', 'L2', 'USD'],
          ['P002', null, 'CNY'],
          ['P002', null, 'EUR'],
          ['P003', 'ref:odd', 'CNY'],
        ]);
        expect(rows.map((x) => x.dedupe_key.replace(/^row:[0-9a-f]{32}:/, 'row:…:'))).toEqual(['ref:L1', 'ref:L2', 'row:…:0', 'row:…:0', 'ref:ref:odd']);

        // The same lines in another file (one more line): the five are duplicates, whichever way they were keyed.
        const again = await api.send('imports.run', { kind: k.kind, path: writeFile(tmp.dir, 'b.csv', `${k.file}${k.more}`) });
        expect(again).toMatchObject({ inserted: 1, duplicates: 5 });
        expect(stored(k.table).at(-1)).toMatchObject({ code: 'P003', line_ref: 'L9', currency: 'CNY', dedupe_key: 'ref:L9' });
      });
    }
});
