import type { Api } from '../../../electron/api/api';
import { writeFile } from '../imports/importFixtures';
import { partnerInput } from '../../helpers/workspace';

/**
 * Hand-computed fixture, 2025-Q1 (90 days). CAM-01 has floor 80.00 until 2025-02-28 and 60.00 from 2025-03-01; NVR-08
 * has no floor. Territories: P001 in 华东 (HD), P002 in 浙江 (330000), P003 in 华东北片 (HDN, a sub-territory of HD
 * holding 江苏), P004 in HD. Returns the partners' ids by code.
 */
export async function seedChannelFixture(api: Api, dir: string): Promise<Record<string, number>> {
  const ids: Record<string, number> = {};
  await api.send('territories.add', { nameZh: '华东北片', code: 'HDN', parent: 'HD', kind: 'subTerritory' });
  await api.send('territories.move', { code: '320000', parent: 'HDN' });
  for (const [code, territory] of [['P001', 'HD'], ['P002', '330000'], ['P003', 'HDN'], ['P004', 'HD']] as const) {
    ids[code] = (await api.send('partners.create', partnerInput(code, { territory }))).id;
  }
  const run = (kind: 'products' | 'inventory' | 'sell-through' | 'sales', name: string, text: string) => api.send('imports.run', { kind, path: writeFile(dir, name, text) });
  await run('products', 'products.csv', 'code,nameZh,floorPrice,listPrice,validFrom,validTo\r\nCAM-01,摄像机,80,120,2025-01-01,2025-02-28\r\nCAM-01,摄像机,60,100,2025-03-01,\r\nNVR-08,录像机,,900,,\r\n');
  await run('sales', 'sellin.csv', 'partnerCode,date,product,quantity,amount\r\nP001,2025-01-10,CAM-01,100,8000\r\nP001,2025-02-10,CAM-01,50,4000\r\nP001,2025-03-01,CAM-01,-10,-800\r\nP003,2025-01-02,CAM-01,10,800\r\nP004,2025-01-02,CAM-01,10,800\r\nP001,2024-12-10,CAM-01,999,1\r\n');
  await run('inventory', 'stock.csv', 'partnerCode,date,product,quantity,value\r\nP001,2024-12-31,CAM-01,100,\r\nP001,2025-02-28,CAM-01,80,\r\nP001,2025-03-31,CAM-01,50,2500\r\nP001,2025-03-31,NVR-08,10,\r\nP002,2025-02-15,CAM-01,30,\r\nP002,2025-03-31,CAM-01,10,\r\nP001,2025-04-30,CAM-01,1,\r\n');
  await run('sell-through', 'st.csv',
    'partnerCode,date,product,quantity,amount,customerRef,customerProvince\r\n' +
      'P001,2025-01-15,CAM-01,40,4000,C1,浙江\r\n' + // inside, 100/unit ≥ 80
      'P001,2025-02-15,CAM-01,30,2100,C2,广东\r\n' + // outside, 70/unit < 80: 300.00 under the floor
      'P001,2025-03-15,CAM-01,-5,-500,C2,广东\r\n' + // a return: counts in quantities, not as a located or priced line
      'P001,2025-03-20,NVR-08,5,4000,C3,\r\n' + // no province, no floor
      'P001,2025-04-02,CAM-01,7,700,C1,浙江\r\n' + // next period
      'P002,2025-02-20,CAM-01,20,2000,C9,浙江\r\n' +
      'P003,2025-01-05,CAM-01,4,400,C5,江苏\r\n' + // 江苏 is under HDN: inside
      'P003,2025-03-10,CAM-01,1,65,C6,浙江\r\n', // outside HDN; 65 ≥ the March floor of 60
  );
  return ids;
}
