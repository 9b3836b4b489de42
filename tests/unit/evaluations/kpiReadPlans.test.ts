import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../db/database';
import { evaluationSql, standingsStatement, targetRowsStatement } from '../../../electron/domain/evaluations/store';
import { memoryApi } from '../../helpers/workspace';
import { feedback, partner, sale, target } from './fixtures';

/**
 * The evaluation's KPI reads run once per partner of a run (10k at the bench's size): each must read its rows from a
 * covering index — no visit of the table row per index entry — and the targets read one range per partner rather than
 * one seek per partner and label. Checked on a workspace ANALYZEd *before* the covering indexes had statistics (a
 * cached or upgraded file): the planner then knows only the unique indexes, which are not covering.
 */
let ws: Workspace;
let close: () => void;

beforeEach(async () => {
  const m = memoryApi();
  ws = m.ws;
  close = () => m.ws.close();
  const course = Number(
    ws.sqlite.prepare("insert into training_courses (code, title_zh, title_en, category, required_tiers) values ('C1', '课程', 'Course', 'product', '[]')").run().lastInsertRowid,
  );
  for (let i = 0; i < 12; i++) {
    const id = await partner(m.api, `K${i}`);
    for (let q = 1; q <= 4; q++) target(ws, id, `2025-Q${q}`, 100_000 * q);
    for (let mo = 1; mo <= 12; mo++) {
      feedback(ws, id, `2025-${String(mo).padStart(2, '0')}-15`, 1 + (mo % 5));
      sale(ws, id, `2025-${String(mo).padStart(2, '0')}-10`, 10_000, { order: `O${mo}`, customer: `C${mo % 3}` });
    }
    ws.sqlite
      .prepare("insert into training_records (partner_id, course_id, trainee, completed_on, passed, expires_on) values (?, ?, 'T', '2025-01-10', 1, '2026-01-09')")
      .run(id, course);
  }
  ws.sqlite.exec('analyze');
  // Statistics of the unique indexes only, as in a file analyzed before the covering indexes were added.
  ws.sqlite.exec(
    "delete from sqlite_stat1 where idx in ('targets_partner_metric_period_idx', 'training_records_partner_idx', 'feedback_partner_date_idx'); analyze sqlite_schema",
  );
});
afterEach(() => close());

function plan(sql: string, params: Record<string, unknown>): string {
  const rows = ws.sqlite.prepare(`explain query plan ${sql}`).all(params) as Array<{ detail: string }>;
  return rows.map((r) => r.detail).join(' | ');
}

describe('KPI reads', () => {
  it('read the targets of a range of periods per partner from the covering index, the labels tested on the row', () => {
    const p = plan(targetRowsStatement(ws).source, { metric: 'revenue', ids: '[1,2]', labels: '["2025-Q1","2025-01"]', lo: '2025-01', hi: '2025-Q1' });
    expect(p).toMatch(/SEARCH targets USING COVERING INDEX targets_partner_metric_period_idx \(partner_id=\? AND metric=\? AND period>\? AND period<\?\)/);
  });

  it('fold the training records from the covering index', () => {
    const p = plan(standingsStatement(ws, 2).source, { ids: '[1]', last: '2025-12-31', d0: '2025-06-30', s0: '2025-09-28', d1: '2025-12-31', s1: '2026-03-31' });
    expect(p).toMatch(/SEARCH training_records USING COVERING INDEX training_records_partner_idx \(partner_id=\?\)/);
  });

  it('average the feedback scores and scan the period lines from covering indexes', () => {
    const sql = evaluationSql(ws);
    expect(plan(sql.satisfaction.source, { ids: '[1]', start: '2025-01-01', end: '2025-03-31' })).toMatch(
      /SEARCH feedback USING COVERING INDEX feedback_partner_date_idx \(partner_id=\? AND date>\? AND date<\?\)/,
    );
    expect(plan(sql.periodLines.source, { ids: '[1]', start: '2025-01-01', end: '2025-03-31' })).toMatch(
      /SEARCH sales_lines USING COVERING INDEX sales_partner_date_idx \(partner_id=\? AND date>\? AND date<\?\)/,
    );
  });
});
