import type { Workspace } from '../../../db/database';
import type { evaluationSchedules, feedback, incentivePrograms, inventorySnapshots, products, risks, riskHistory, salesLines, scheduleRuns, sellThroughLines, targets, trainingRecords } from '../../../db/schema';

/**
 * The demo's writes that no area's store offers in bulk: hundreds of thousands of sales lines and thousands of targets,
 * training records and feedback rows in one transaction. These are the demo's declared hot path — statements prepared
 * once per table and run per row, typed from the drizzle schema. Partners, their managers and history, courses and
 * risk actions go through their areas' stores (partners, channelManagers, training, risks).
 */
type Row<T extends { $inferInsert: unknown }> = T['$inferInsert'];
export type DemoSalesRow = Required<Pick<Row<typeof salesLines>, 'partnerId' | 'date' | 'orderRef' | 'lineRef' | 'product' | 'category' | 'quantity' | 'amountMinor' | 'costMinor' | 'customerRef' | 'dedupeKey'>>;
export type DemoTargetRow = Required<Pick<Row<typeof targets>, 'partnerId' | 'period' | 'value'>>;
export type DemoRecordRow = Required<Pick<Row<typeof trainingRecords>, 'partnerId' | 'courseId' | 'trainee' | 'completedOn' | 'score' | 'passed' | 'certificateNo' | 'expiresOn'>>;
export type DemoFeedbackRow = Required<Pick<Row<typeof feedback>, 'partnerId' | 'date' | 'score' | 'comment' | 'dedupeKey'>>;
export type DemoRiskRow = Required<
  Pick<Row<typeof risks>, 'code' | 'title' | 'description' | 'category' | 'partnerId' | 'likelihood' | 'impact' | 'residualLikelihood' | 'residualImpact' | 'owner' | 'treatment' | 'status' | 'nextReviewOn' | 'closedAt' | 'createdAt' | 'updatedAt'>
>;
export type DemoRiskHistoryRow = Required<Pick<Row<typeof riskHistory>, 'riskId' | 'changedAt' | 'changedBy' | 'changes' | 'snapshot'>>;
export type DemoProgramRow = Required<Pick<Row<typeof incentivePrograms>, 'code' | 'name' | 'type' | 'periodKind' | 'currency' | 'validFrom' | 'validTo' | 'definition'>>;
export type DemoScheduleRow = Required<Pick<Row<typeof evaluationSchedules>, 'name' | 'cycle' | 'tiers'>>;
export type DemoProductRow = Required<Pick<Row<typeof products>, 'code' | 'nameZh' | 'nameEn' | 'productLine' | 'unit'>> & { listPriceMinor: number; floorPriceMinor: number; validFrom: string };
export type DemoSellThroughRow = Required<
  Pick<Row<typeof sellThroughLines>, 'partnerId' | 'productId' | 'date' | 'quantity' | 'amountMinor' | 'customerRef' | 'customerName' | 'customerProvince' | 'customerTerritoryId' | 'customerCity' | 'orderRef' | 'lineRef'>
>;
export type DemoStockRow = Required<Pick<Row<typeof inventorySnapshots>, 'partnerId' | 'productId' | 'date' | 'quantity' | 'valueMinor'>>;
export type DemoScheduleRunRow = Required<Pick<Row<typeof scheduleRuns>, 'scheduleId' | 'period' | 'evaluationRunId' | 'startedAt' | 'finishedAt'>>;

/** A statement per row kind, prepared once: `write(row)` per row. */
function writer<R>(ws: Workspace, sql: string, args: (r: R) => unknown[]): (r: R) => number {
  const stmt = ws.sqlite.prepare<unknown[]>(sql);
  return (r) => Number(stmt.run(...args(r)).lastInsertRowid);
}
const json = (v: unknown) => JSON.stringify(v);

export const demoStore = {
  /** The demo's one transaction spans awaits (to stay cancellable in-process), so it is opened and closed by hand. */
  begin(ws: Workspace): void {
    ws.sqlite.exec('BEGIN IMMEDIATE');
  },
  commit(ws: Workspace): void {
    ws.sqlite.exec('COMMIT');
  },
  rollback(ws: Workspace): void {
    if (ws.sqlite.inTransaction) ws.sqlite.exec('ROLLBACK');
  },
  cacheSize(ws: Workspace): number {
    return ws.sqlite.pragma('cache_size', { simple: true }) as number;
  },
  setCacheSize(ws: Workspace, pages: number): void {
    ws.sqlite.pragma(`cache_size = ${Math.trunc(pages)}`);
  },
  /** True when the workspace holds no partner and no sales line (the demo loads only into such a workspace). */
  isEmpty(ws: Workspace): boolean {
    return ws.sqlite.prepare<[], { n: number }>('select (select count(*) from partners) + (select count(*) from sales_lines) as n').get()!.n === 0;
  },
  /** Writes settings a workspace has not set yet (a profile someone already entered is kept). */
  addMissingSettings(ws: Workspace, values: Record<string, unknown>, at: string): void {
    const put = ws.sqlite.prepare<[string, string, string]>('insert into settings (key, value, updated_at) values (?, ?, ?) on conflict (key) do nothing');
    for (const [key, value] of Object.entries(values)) put.run(key, json(value), at);
  },
  /** Sales lines (CNY); `dedupeKey` as an import of the same line would set it. */
  salesWriter(ws: Workspace): (l: Omit<DemoSalesRow, 'dedupeKey'>, dedupeKey: string) => void {
    const stmt = ws.sqlite.prepare<[number, string, string | null, string | null, string | null, string | null, number | null, number, number | null, string | null, string]>(
      `insert into sales_lines (partner_id, date, order_ref, line_ref, product, category, quantity, amount_minor, cost_minor, customer_ref, currency, dedupe_key)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'CNY', ?)`,
    );
    return (l, dedupeKey) => {
      stmt.run(l.partnerId, l.date, l.orderRef, l.lineRef, l.product, l.category, l.quantity, l.amountMinor, l.costMinor, l.customerRef, dedupeKey);
    };
  },
  /**
   * The product list with one open price range (floor and list price, CNY) from `validFrom`; a product code already
   * there (imported before the demo) is kept with its prices. Returns every product's id by code.
   */
  addProducts(ws: Workspace, rows: DemoProductRow[]): Map<string, number> {
    const add = ws.sqlite.prepare<[string, string, string | null, string | null, string | null]>(
      'insert into products (code, name_zh, name_en, product_line, unit) values (?, ?, ?, ?, ?) on conflict (code) do nothing',
    );
    const price = ws.sqlite.prepare<[number, string, number, number]>(
      "insert into product_prices (product_id, valid_from, valid_to, floor_price_minor, list_price_minor, currency) values (?, ?, null, ?, ?, 'CNY')",
    );
    for (const r of rows) {
      const added = add.run(r.code, r.nameZh, r.nameEn, r.productLine, r.unit);
      if (added.changes) price.run(Number(added.lastInsertRowid), r.validFrom, r.floorPriceMinor, r.listPriceMinor);
    }
    return new Map(ws.sqlite.prepare<[], { code: string; id: number }>('select code, id from products').all().map((p) => [p.code, p.id]));
  },
  /** Sell-through lines (CNY), keyed as an import of a file with line references would key them (`ref:<lineRef>`). */
  sellThroughWriter(ws: Workspace): (r: DemoSellThroughRow) => number {
    return writer<DemoSellThroughRow>(
      ws,
      `insert into sell_through_lines (partner_id, product_id, date, quantity, amount_minor, currency, customer_ref, customer_name, customer_province,
         customer_territory_id, customer_city, order_ref, line_ref, dedupe_key) values (?, ?, ?, ?, ?, 'CNY', ?, ?, ?, ?, ?, ?, ?, ?)`,
      (l) => [l.partnerId, l.productId, l.date, l.quantity, l.amountMinor, l.customerRef, l.customerName, l.customerProvince, l.customerTerritoryId, l.customerCity, l.orderRef, l.lineRef, `ref:${l.lineRef}`],
    );
  },
  /** Stock report rows (no warehouse named). */
  stockWriter(ws: Workspace): (r: DemoStockRow) => number {
    return writer<DemoStockRow>(ws, 'insert into inventory_snapshots (partner_id, product_id, date, quantity, value_minor) values (?, ?, ?, ?, ?)', (r) => [
      r.partnerId,
      r.productId,
      r.date,
      r.quantity,
      r.valueMinor,
    ]);
  },
  /** Revenue targets (metric 'revenue'). */
  targetWriter(ws: Workspace): (r: DemoTargetRow) => number {
    return writer<DemoTargetRow>(ws, "insert into targets (partner_id, period, metric, value) values (?, ?, 'revenue', ?)", (t) => [t.partnerId, t.period, t.value]);
  },
  recordWriter(ws: Workspace): (r: DemoRecordRow) => number {
    return writer<DemoRecordRow>(
      ws,
      `insert into training_records (partner_id, course_id, trainee, completed_on, score, passed, certificate_no, expires_on) values (?, ?, ?, ?, ?, ?, ?, ?)`,
      (r) => [r.partnerId, r.courseId, r.trainee, r.completedOn, r.score, r.passed ? 1 : 0, r.certificateNo, r.expiresOn],
    );
  },
  feedbackWriter(ws: Workspace): (r: DemoFeedbackRow) => number {
    return writer<DemoFeedbackRow>(ws, 'insert into feedback (partner_id, date, score, comment, dedupe_key) values (?, ?, ?, ?, ?)', (f) => [f.partnerId, f.date, f.score, f.comment, f.dedupeKey]);
  },
  /** Curated risks as the register would hold them (source 'manual', with their own created and updated times). */
  riskWriter(ws: Workspace): (r: DemoRiskRow) => number {
    return writer<DemoRiskRow>(
      ws,
      `insert into risks (code, title, description, category, partner_id, likelihood, impact, residual_likelihood, residual_impact, owner,
         treatment, status, next_review_on, source, closed_at, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'manual', ?, ?, ?)`,
      (r) => [r.code, r.title, r.description, r.category, r.partnerId, r.likelihood, r.impact, r.residualLikelihood, r.residualImpact, r.owner, r.treatment, r.status, r.nextReviewOn, r.closedAt, r.createdAt, r.updatedAt],
    );
  },
  riskHistoryWriter(ws: Workspace): (r: DemoRiskHistoryRow) => number {
    return writer<DemoRiskHistoryRow>(ws, 'insert into risk_history (risk_id, changed_at, changed_by, changes, snapshot) values (?, ?, ?, ?, ?)', (h) => [
      h.riskId,
      h.changedAt,
      h.changedBy,
      json(h.changes),
      json(h.snapshot),
    ]);
  },
  /** Incentive programs of the program year (active); a program code already there is kept. */
  addPrograms(ws: Workspace, programs: DemoProgramRow[]): void {
    const add = ws.sqlite.prepare<[string, string, string, string, string, string | null, string | null, string]>(
      'insert into incentive_programs (code, name, type, period_kind, currency, valid_from, valid_to, definition, active) values (?, ?, ?, ?, ?, ?, ?, ?, 1) on conflict (code) do nothing',
    );
    for (const p of programs) add.run(p.code, p.name, p.type, p.periodKind, p.currency, p.validFrom, p.validTo, json(p.definition));
  },
  /** Evaluation schedules (every channel type and region, lag 5 days, enabled). */
  addSchedules(ws: Workspace, schedules: DemoScheduleRow[]): void {
    const add = ws.sqlite.prepare<[string, string, string]>("insert into evaluation_schedules (name, cycle, tiers, channel_types, regions, lag_days, enabled) values (?, ?, ?, '[]', '[]', 5, 1)");
    for (const s of schedules) add.run(s.name, s.cycle, json(s.tiers));
  },
  /** Records a schedule's period as covered by a run that succeeded (a period already recorded is kept). */
  claimSchedulePeriod(ws: Workspace, r: DemoScheduleRunRow): void {
    ws.sqlite
      .prepare<[number, string, number, string, string]>(
        `insert into schedule_runs (schedule_id, period, outcome, evaluation_run_id, message, started_at, finished_at)
         values (?, ?, 'succeeded', ?, null, ?, ?) on conflict (schedule_id, period) do nothing`,
      )
      .run(r.scheduleId, r.period, r.evaluationRunId!, r.startedAt, r.finishedAt!);
  },
  /** When a payout run was calculated (the demo dates its runs after their periods). */
  setCalculatedAt(ws: Workspace, runId: number, at: string): void {
    ws.sqlite.prepare<[string, number]>('update payout_runs set calculated_at = ? where id = ?').run(at, runId);
  },
};
