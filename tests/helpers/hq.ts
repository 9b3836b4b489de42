import type pg from 'pg';
import { PUBLISHED_TABLES } from '../../db/changeLog';
import type { Workspace } from '../../db/database';

const SALES_COLUMNS = ['id', 'partner_id', 'date', 'order_ref', 'line_ref', 'product', 'category', 'quantity', 'amount_minor', 'cost_minor', 'customer_ref', 'currency', 'import_id'];

/** What HQ should hold for a workspace: per published table, the sorted JSON of each row that passes its publish condition. */
export function workspaceImage(ws: Workspace): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const t of PUBLISHED_TABLES) {
    const where = t.publishWhen ? ` WHERE ${t.publishWhen}` : '';
    const rows = ws.sqlite.prepare(`SELECT * FROM "${t.table}"${where} ORDER BY id`).all() as Array<Record<string, unknown>>;
    out[t.table] = rows.map((r) => (t.table === 'sales_lines' ? JSON.stringify(SALES_COLUMNS.map((c) => r[c])) : JSON.stringify(r)));
  }
  return out;
}

/** What HQ holds for one workspace, in the same shape. */
export async function hqImage(client: pg.Client, officeId: string): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const t of PUBLISHED_TABLES) {
    if (t.table === 'sales_lines') {
      const r = await client.query({
        text: `SELECT ${SALES_COLUMNS.map((c) => (c === 'date' ? "to_char(date, 'YYYY-MM-DD')" : c)).join(', ')} FROM hq.sales_lines WHERE office_id = $1 ORDER BY id`,
        values: [officeId],
        rowMode: 'array',
      });
      out[t.table] = r.rows.map((row: unknown[]) => JSON.stringify(row.map((v, i) => (v !== null && ['id', 'partner_id', 'amount_minor', 'cost_minor', 'import_id'].includes(SALES_COLUMNS[i]) ? Number(v) : v))));
    } else {
      // jsonb normalises key order; compare with the workspace's column order restored.
      const r = await client.query<{ data: Record<string, unknown> }>('SELECT data FROM hq.records WHERE office_id = $1 AND tbl = $2 ORDER BY row_key', [officeId, t.table]);
      out[t.table] = r.rows.map((x) => x.data).map((d) => JSON.stringify(d));
    }
  }
  return out;
}

/** The workspace image with keys sorted as jsonb sorts them (length, then bytes), so the two compare as strings. */
export function normalisedWorkspaceImage(ws: Workspace): Record<string, string[]> {
  const img = workspaceImage(ws);
  for (const t of Object.keys(img)) {
    if (t === 'sales_lines') continue;
    img[t] = img[t].map((s) => JSON.stringify(jsonbOrder(JSON.parse(s) as Record<string, unknown>)));
  }
  return img;
}

function jsonbOrder(o: Record<string, unknown>): Record<string, unknown> {
  const keys = Object.keys(o).sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(keys.map((k) => [k, o[k]]));
}
