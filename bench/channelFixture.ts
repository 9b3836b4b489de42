/** What bench:sellthrough and bench:backup build alike: partners in every province, a product list, CSV writers. */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import type { Workspace } from '../db/database';
import type { createApi } from '../electron/api/api';

export const PRODUCTS = 200;
export const pad = (n: number, w: number) => String(n).padStart(w, '0');
const DAY0 = Date.UTC(2024, 0, 1);
/** The i-th day of a two-year cycle from 2024-01-01. */
export const dateOf = (i: number) => new Date(DAY0 + (i % 730) * 86_400_000).toISOString().slice(0, 10);
export const cpuSeconds = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1e6;

/** A CSV of `n` generated lines after its header, written as a stream (files of millions of lines). */
export async function writeCsv(path: string, header: string, n: number, line: (i: number) => string) {
  const out = createWriteStream(path);
  out.write(header);
  for (let i = 0; i < n; i++) if (!out.write(line(i))) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

/**
 * `partners` active dealers P00000… spread over the provinces, and PRODUCTS products SKU-0000… imported with floor
 * prices — all of them, or (`withoutFloor`) all but every tenth, which has a list price only (a product without a floor).
 */
export async function seedPartnersAndProducts(ws: Workspace, api: ReturnType<typeof createApi>, dir: string, partners: number, withoutFloor = false) {
  const territories = ws.sqlite.prepare(`select id from territories where kind = 'province'`).all() as Array<{ id: number }>;
  ws.sqlite.transaction(() => {
    const ins = ws.sqlite.prepare("insert into partners (code, name, channel_type, tier, status, territory_id) values (?, ?, 'dealer', 'tier2', 'active', ?)");
    for (let i = 0; i < partners; i++) ins.run(`P${pad(i, 5)}`, `伙伴${i}`, territories[i % territories.length].id);
  })();
  const products = join(dir, 'products.csv');
  await writeCsv(products, 'code,nameZh,floorPrice,listPrice\r\n', PRODUCTS, (i) => `SKU-${pad(i, 4)},产品${i},${withoutFloor && i % 10 === 9 ? '' : 50 + (i % 50)},${200 + i}\r\n`);
  await api.send('imports.run', { kind: 'products', path: products });
}
