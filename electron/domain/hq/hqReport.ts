import type pg from 'pg';
import { DomainError } from '../../../shared/errors';
import { isPeriodLabel, parsePeriod } from '../../../shared/period';
import { DEFAULT_RISK_BANDS } from '../risks/riskLevels';
import { HqDashboard } from '../../model/hq';
import { HqReportRow, type HqConflict, type HqOpenRisk } from '../../model/hq';

function period(label: string, fiscalStartMonth = 1) {
  if (!isPeriodLabel(label)) throw new DomainError(`Not a period: ${label} (e.g. 2025-Q1, 2025-03, 2025-H1, 2025)`, 'DOMAIN', { reason: 'PERIOD', params: { label } });
  return parsePeriod(label, fiscalStartMonth);
}

/**
 * Revenue and distinct orders per office and partner over [$1, $2]. A period that is one calendar quarter — any
 * quarter when the fiscal year starts in January, April, July or October — reads the quarter summary
 * (hq.sales_summary), and from the lines only the partner-quarters marked stale (changed by a batch the summary was not
 * yet recomputed for); any other period aggregates the lines. Orders: per order first, then per partner (two hash
 * aggregates instead of sorting the period's lines for count(DISTINCT)).
 */
function salesCte(p: { start: string; end: string }): string {
  const fromLines = (join: string, where: string) => `
    SELECT office_id, partner_id, sum(revenue) AS revenue, count(order_ref) AS orders FROM (
      SELECT l.office_id, l.partner_id, l.order_ref, sum(l.amount_minor) AS revenue
      FROM ${join} WHERE l.date BETWEEN $1::date AND $2::date${where} GROUP BY 1, 2, 3
    ) per_order GROUP BY 1, 2`;
  if (!isCalendarQuarter(p)) return `sales AS (${fromLines('hq.sales_lines l', '')})`;
  return `sales AS (
    SELECT q.office_id, q.partner_id, q.revenue_minor AS revenue, q.orders FROM hq.sales_summary q
    WHERE q.quarter = $1::date
      AND NOT EXISTS (SELECT 1 FROM hq.sales_stale x WHERE x.office_id = q.office_id AND x.partner_id = q.partner_id AND x.quarter = q.quarter)
    UNION ALL ${fromLines('hq.sales_stale x JOIN hq.sales_lines l ON l.office_id = x.office_id AND l.partner_id = x.partner_id', ' AND x.quarter = $1::date')}
  )`;
}

/** A period that is exactly one calendar quarter (what hq.sales_summary holds). */
export function isCalendarQuarter(p: { start: string; end: string }): boolean {
  const [y, m, d] = p.start.split('-').map(Number);
  if (d !== 1 || (m - 1) % 3 !== 0) return false;
  const last = new Date(Date.UTC(y, m + 2, 0)).toISOString().slice(0, 10);
  return p.end === last;
}

/** Latest scorecard per office and partner for the period (highest evaluation-run version), and approved or paid payouts. */
const PERIOD_CTES = `
  cards AS (
    SELECT DISTINCT ON (s.office_id, (s.data->>'partner_id')::bigint)
      s.office_id, (s.data->>'partner_id')::bigint AS partner_id, (s.data->>'attainment')::float8 AS attainment, s.data->>'grade' AS grade
    FROM hq.records s
    JOIN hq.records r ON r.office_id = s.office_id AND r.tbl = 'evaluation_runs' AND r.row_key = (s.data->>'run_id')::bigint
    WHERE s.tbl = 'scorecards' AND r.data->>'period' = $3
    ORDER BY s.office_id, (s.data->>'partner_id')::bigint, (r.data->>'version')::int DESC, r.row_key DESC
  ),
  payouts AS (
    SELECT l.office_id, (l.data->>'partner_id')::bigint AS partner_id, sum((l.data->>'amount_minor')::bigint) AS payout
    FROM hq.records l
    JOIN hq.records r ON r.office_id = l.office_id AND r.tbl = 'payout_runs' AND r.row_key = (l.data->>'run_id')::bigint
    WHERE l.tbl = 'payout_lines' AND r.data->>'period' = $3 AND r.data->>'status' IN ('approved', 'paid')
    GROUP BY 1, 2
  )`;

/**
 * Per office and partner: revenue and orders from the published sales lines, attainment and grade from the latest
 * scorecard, payouts approved or paid. `fiscalStartMonth` (the workspace's `company.fiscalStartMonth`) makes the label
 * the company's fiscal period, as the offices' evaluations and payout runs name theirs: with April, 2025-Q1 is
 * 2024-04-01 – 2024-06-30, and scorecards and payouts are matched by that same label.
 */
export async function hqReport(client: pg.Client, label: string, fiscalStartMonth = 1): Promise<HqReportRow[]> {
  const p = period(label, fiscalStartMonth);
  const r = await client.query(
    `WITH ${PERIOD_CTES}, ${salesCte(p)},
     keys AS (SELECT office_id, partner_id FROM sales UNION SELECT office_id, partner_id FROM cards UNION SELECT office_id, partner_id FROM payouts)
     SELECT o.name AS office, coalesce(pr.data->>'code', '#' || k.partner_id) AS "partnerCode",
       coalesce(s.revenue, 0)::bigint AS "revenueMinor", coalesce(s.orders, 0)::int AS orders,
       c.attainment, c.grade, coalesce(pay.payout, 0)::bigint AS "payoutMinor"
     FROM keys k
     JOIN hq.offices o ON o.id = k.office_id
     LEFT JOIN hq.records pr ON pr.office_id = k.office_id AND pr.tbl = 'partners' AND pr.row_key = k.partner_id
     LEFT JOIN sales s ON s.office_id = k.office_id AND s.partner_id = k.partner_id
     LEFT JOIN cards c ON c.office_id = k.office_id AND c.partner_id = k.partner_id
     LEFT JOIN payouts pay ON pay.office_id = k.office_id AND pay.partner_id = k.partner_id
     ORDER BY 1, 2`,
    [p.start, p.end, p.label],
  );
  return r.rows.map((x) => ({ ...x, revenueMinor: Number(x.revenueMinor), payoutMinor: Number(x.payoutMinor) }));
}

/** The HQ section's figures across offices (one query each; the report rows serve top/bottom). */
export async function hqDashboard(client: pg.Client, label: string, fiscalStartMonth = 1): Promise<HqDashboard> {
  const p = period(label, fiscalStartMonth);
  const rows = await hqReport(client, label, fiscalStartMonth);
  const byOffice = new Map<string, { revenueMinor: number; partners: number; payoutMinor: number }>();
  const grades = new Map<string, number>();
  for (const r of rows) {
    const o = byOffice.get(r.office) ?? { revenueMinor: 0, partners: 0, payoutMinor: 0 };
    o.revenueMinor += r.revenueMinor;
    o.partners += 1;
    o.payoutMinor += r.payoutMinor;
    byOffice.set(r.office, o);
    if (r.grade) grades.set(r.grade, (grades.get(r.grade) ?? 0) + 1);
  }
  // Territory: the partner's territory as its office names it (offices keep their own trees).
  const territory = await client.query(
    `WITH ${salesCte(p)}
     SELECT o.name AS office, tr.data->>'name_zh' AS territory, sum(s.revenue)::bigint AS "revenueMinor"
     FROM sales s JOIN hq.offices o ON o.id = s.office_id
     LEFT JOIN hq.records pr ON pr.office_id = s.office_id AND pr.tbl = 'partners' AND pr.row_key = s.partner_id
     LEFT JOIN hq.records tr ON tr.office_id = s.office_id AND tr.tbl = 'territories' AND tr.row_key = (pr.data->>'territory_id')::bigint
     GROUP BY 1, 2 ORDER BY 1, 3 DESC`,
    [p.start, p.end],
  );
  const bands = DEFAULT_RISK_BANDS.map((b) => `WHEN score BETWEEN ${b.min} AND ${b.max} THEN '${b.level}'`).join(' ');
  const risks = await client.query(
    `SELECT CASE ${bands} END AS level, count(*)::int AS open
     FROM (SELECT coalesce((data->>'residual_likelihood')::int, (data->>'likelihood')::int) * coalesce((data->>'residual_impact')::int, (data->>'impact')::int) AS score
           FROM hq.records WHERE tbl = 'risks' AND data->>'status' NOT IN ('closed')) x
     GROUP BY 1 ORDER BY 1`,
  );
  // The open risks with the highest score, their words as text code + params (worded by the reader, not here).
  const topRisks = await client.query<Omit<HqOpenRisk, 'level'>>(
    `SELECT office, code, partner_code AS "partnerCode", category, score, status, owner, next_review_on AS "nextReviewOn",
       title, description, text_code AS "textCode", text_params AS "textParams"
     FROM hq.open_risks() ORDER BY score DESC NULLS LAST, office, code LIMIT 20`,
  );
  const levelOf = (score: number | null) => (score === null ? null : (DEFAULT_RISK_BANDS.find((b) => score >= b.min && score <= b.max)?.level ?? null));
  // The audit summary each office publishes: what was done there in the period, by how many people, refusals apart.
  const activity = await client.query(
    `SELECT o.name AS office, sum((r.data->>'count')::int)::int AS operations,
       coalesce(sum((r.data->>'count')::int) FILTER (WHERE r.data->>'outcome' = 'refused'), 0)::int AS refused,
       count(DISTINCT r.data->>'user')::int AS users, max(r.data->>'last_at') AS "lastAt"
     FROM hq.records r JOIN hq.offices o ON o.id = r.office_id
     WHERE r.tbl = 'audit_daily' AND r.data->>'day' BETWEEN $1 AND $2 GROUP BY 1 ORDER BY 1`,
    [p.start, p.end],
  );
  const ranked = rows.filter((r) => r.revenueMinor > 0).sort((a, b) => b.revenueMinor - a.revenueMinor || a.office.localeCompare(b.office) || a.partnerCode.localeCompare(b.partnerCode));
  return {
    period: p.label,
    start: p.start,
    end: p.end,
    fiscalStartMonth,
    revenueByOffice: [...byOffice].map(([office, v]) => ({ office, revenueMinor: v.revenueMinor, partners: v.partners })),
    revenueByTerritory: territory.rows.map((r) => ({ ...r, revenueMinor: Number(r.revenueMinor) })),
    grades: [...grades].sort().map(([grade, partners]) => ({ grade, partners })),
    top: ranked.slice(0, 10),
    bottom: ranked.slice(-10).reverse(),
    payoutsByOffice: [...byOffice].map(([office, v]) => ({ office, payoutMinor: v.payoutMinor })),
    risksByLevel: risks.rows,
    topRisks: topRisks.rows.map((r) => ({ ...r, level: levelOf(r.score) })),
    activityByOffice: activity.rows,
  };
}

export type { HqConflict };

/** Conflicts across offices, reported and never merged: one partner code or credit code in two offices, one customer registered by partners of two offices. */
export async function hqConflicts(client: pg.Client): Promise<HqConflict[]> {
  const r = await client.query<{ kind: HqConflict['kind']; key: string; offices: string[]; partners: HqConflict['partners'] }>(
    `WITH p AS (
       SELECT r.office_id, o.name AS office, r.row_key AS id, r.data->>'code' AS code, r.data->>'name' AS name, nullif(r.data->>'credit_code', '') AS credit
       FROM hq.records r JOIN hq.offices o ON o.id = r.office_id WHERE r.tbl = 'partners' AND r.data->>'deleted_at' IS NULL
     ),
     d AS (
       SELECT p.office, p.code, p.name, coalesce(nullif(r.data->>'customer_credit_code', ''), r.data->>'customer_key') AS customer
       FROM hq.records r JOIN p ON p.office_id = r.office_id AND p.id = (r.data->>'partner_id')::bigint
       WHERE r.tbl = 'deal_registrations' AND r.data->>'status' NOT IN ('rejected', 'expired', 'lost')
     ),
     c AS (
       SELECT 'partner_code' AS kind, code AS key, office, code, name FROM p
       UNION ALL SELECT 'credit_code', credit, office, code, name FROM p WHERE credit IS NOT NULL
       UNION ALL SELECT 'deal_customer', customer, office, code, name FROM d
     )
     SELECT kind, key, array_agg(DISTINCT office ORDER BY office) AS offices,
       json_agg(DISTINCT jsonb_build_object('office', office, 'partnerCode', code, 'name', name)) AS partners
     FROM c GROUP BY kind, key HAVING count(DISTINCT office) > 1 ORDER BY kind, key`,
  );
  return r.rows.map((x) => ({ ...x, partners: [...x.partners].sort((a, b) => a.office.localeCompare(b.office) || a.partnerCode.localeCompare(b.partnerCode)) }));
}
