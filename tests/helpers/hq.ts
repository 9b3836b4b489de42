import type pg from 'pg';
import { PUBLISHED_TABLES } from '../../db/changeLog';
import type { Workspace } from '../../db/database';
import { scorePartsReader } from '../../electron/domain/evaluations/scorePartsText';

const SALES_COLUMNS = ['id', 'partner_id', 'date', 'order_ref', 'line_ref', 'product', 'category', 'quantity', 'amount_minor', 'cost_minor', 'customer_ref', 'currency', 'import_id'];

/** What HQ should hold for a workspace: per published table, the sorted JSON of each row that passes its publish condition. */
export function workspaceImage(ws: Workspace): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const t of PUBLISHED_TABLES) {
    const where = t.publishWhen ? ` WHERE ${t.publishWhen}` : '';
    const rows = ws.sqlite.prepare(`SELECT * FROM "${t.table}"${where} ORDER BY id`).all() as Array<Record<string, unknown>>;
    // A scorecard's score_parts reaches HQ as the whole object text (a run stores its weights once).
    if (t.table === 'scorecards') {
      const parts = scorePartsReader(ws);
      for (const r of rows) r.score_parts = parts(r.run_id as number, r.score_parts as string | null);
    }
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

/**
 * hq.sales_summary against the office's lines: partner-quarters where they differ (keys still marked stale left out,
 * the report reads those from the lines), and how many keys are marked stale.
 */
export async function summaryDrift(client: pg.Client, officeId: string): Promise<{ drift: unknown[]; stale: number }> {
  const drift = await client.query(
    `WITH truth AS (
       SELECT partner_id, date_trunc('quarter', date)::date AS quarter, sum(amount_minor)::bigint AS revenue, count(*)::int AS lines, count(DISTINCT order_ref)::int AS orders
       FROM hq.sales_lines WHERE office_id = $1 GROUP BY 1, 2
     ),
     kept AS (SELECT partner_id, quarter, revenue_minor AS revenue, lines, orders FROM hq.sales_summary WHERE office_id = $1)
     SELECT coalesce(t.partner_id, k.partner_id) AS partner, coalesce(t.quarter, k.quarter)::text AS quarter, t.revenue AS truth, k.revenue AS kept
     FROM truth t FULL JOIN kept k ON k.partner_id = t.partner_id AND k.quarter = t.quarter
     WHERE (t.revenue, t.lines, t.orders) IS DISTINCT FROM (k.revenue, k.lines, k.orders)
       AND NOT EXISTS (SELECT 1 FROM hq.sales_stale x WHERE x.office_id = $1 AND x.partner_id = coalesce(t.partner_id, k.partner_id) AND x.quarter = coalesce(t.quarter, k.quarter))`,
    [officeId],
  );
  const stale = await client.query('SELECT count(*)::int AS n FROM hq.sales_stale WHERE office_id = $1', [officeId]);
  return { drift: drift.rows, stale: stale.rows[0].n as number };
}

/** Revenue and distinct orders per partner code of one office over [start, end], straight from its lines at HQ. */
export async function salesFromLines(client: pg.Client, officeId: string, start: string, end: string): Promise<Array<[string, number, number]>> {
  const r = await client.query(
    `SELECT coalesce(pr.data->>'code', '#' || l.partner_id) AS code, sum(l.amount_minor)::bigint AS revenue, count(DISTINCT l.order_ref)::int AS orders
     FROM hq.sales_lines l LEFT JOIN hq.records pr ON pr.office_id = l.office_id AND pr.tbl = 'partners' AND pr.row_key = l.partner_id
     WHERE l.office_id = $1 AND l.date BETWEEN $2::date AND $3::date GROUP BY 1`,
    [officeId, start, end],
  );
  return r.rows.map((x): [string, number, number] => [x.code, Number(x.revenue), x.orders]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}
