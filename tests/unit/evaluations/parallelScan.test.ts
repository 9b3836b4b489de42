import { availableParallelism } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../db/database';
import { createApi } from '../../../electron/api/api';
import { runEvaluation } from '../../../electron/domain/evaluations/evaluationRun';
import { createOpContext } from '../../../electron/domain/opContext';
import { KpiSource, lineScan } from '../../../electron/domain/evaluations/kpis';
import {
  canScanInParallel,
  scanHandOff,
  scanInParallel,
  unsettledScans,
} from '../../../electron/domain/evaluations/parallelScan';
import { CancelToken, JobCancelled } from '../../../shared/cancel';
import { ensureSalesSummaries } from '../../../electron/domain/evaluations/salesSummaries';
import { parsePeriod } from '../../../shared/period';
import { fileWorkspace, memoryApi } from '../../helpers/workspace';
import { partner, sale } from './fixtures';

/**
 * The period's line scan on a second connection in a worker (parallelScan.ts): the worker's rows are the rows of the
 * same statement run inline, the KPIs computed with it equal those computed without it, and it is used only where a
 * second connection reads what the caller's connection reads (a file, outside a transaction).
 */
let ws: Workspace;
let cleanup: () => void;
let ids: number[];
const LINES_SQL = `select partner_id, sum(quantity), count(distinct order_ref) from sales_lines
  where partner_id in (select value from json_each(@ids)) and date between @start and @end group by partner_id`;

beforeEach(async () => {
  const f = fileWorkspace();
  ws = f.ws;
  cleanup = f.cleanup;
  const api = createApi({ ws, user: 'tester' });
  ids = [];
  for (let i = 0; i < 8; i++) ids.push(await partner(api, `P${i}`, { joinedOn: '2016-01-01' }));
  let seed = 11;
  const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  // The last partner has no line: absent from the scan, as inline.
  for (const id of ids.slice(0, -1))
    for (let k = 0; k < 40; k++)
      sale(ws, id, `2019-${String(1 + Math.floor(rnd() * 6)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`, 1_000 + Math.floor(rnd() * 90_000), {
        order: rnd() < 0.1 ? undefined : `O${Math.floor(rnd() * 25)}`,
        customer: `C${Math.floor(rnd() * 9)}`,
      });
  // Fractional quantities: the worker's doubles must be the inline sums to the last binary digit.
  ws.sqlite.prepare('update sales_lines set quantity = 0.1 + (id % 7) / 3.0').run();
  ensureSalesSummaries(ws.sqlite);
  // Whatever the machine's load: these tests are about the worker, so its scans are not taken back (below).
  lineScan.belowLoad = Infinity;
  scanHandOff.takeBack = false;
});
afterEach(() => {
  lineScan.parallelFrom = 2000;
  lineScan.belowLoad = availableParallelism();
  scanHandOff.takeBack = true;
  cleanup();
});

/** A statement that keeps the worker busy for a while (~0.2–1 s): the scans posted after it wait their turn. */
const SLOW_SQL = 'with recursive c(x) as (select 1 union all select x + 1 from c where x < 3000000) select count(*) from c';

describe('the line scan on a second connection', () => {
  it('reads in the worker the rows the same statement reads inline', () => {
    const params = { ids: JSON.stringify(ids), start: '2019-01-01', end: '2019-03-31' };
    expect(canScanInParallel(ws)).toBe(true);
    const pending = scanInParallel(ws, LINES_SQL, params, 3);
    expect(pending).not.toBeNull();
    const rows = pending!.rows();
    expect(rows).not.toBeNull();
    const inline = (ws.sqlite.prepare(LINES_SQL).raw(true).all(params) as number[][]).flat();
    expect(inline.length).toBe((ids.length - 1) * 3);
    expect(Array.from(rows!)).toEqual(inline);
  });

  it('gives the evaluation the KPIs it computes inline', () => {
    const p = parsePeriod('2019-Q1', 1);
    lineScan.parallelFrom = Infinity;
    const inline = new KpiSource(ws, ids, 1).compute(p);
    lineScan.parallelFrom = 0;
    const parallel = new KpiSource(ws, ids, 1).compute(p);
    expect(parallel).toEqual(inline);
    expect([...parallel.values()].filter((k) => k.orders > 0)).toHaveLength(ids.length - 1);
  });

  it('started ahead of a first evaluation\'s earlier periods, gives the KPIs computed inline for every period', () => {
    const [q4, q1] = [parsePeriod('2018-Q4', 1), parsePeriod('2019-Q1', 1)];
    lineScan.parallelFrom = Infinity;
    const inline = new KpiSource(ws, ids, 1).plan([q4, q1]);
    const inlineQ4 = inline.compute(q4, undefined, { orders: false });
    const inlineQ1 = inline.compute(q1);
    lineScan.parallelFrom = 0;
    const ahead = new KpiSource(ws, ids, 1).plan([q4, q1]);
    ahead.startLineScan(q1);
    expect(ahead.compute(q4, undefined, { orders: false })).toEqual(inlineQ4);
    const q1Kpis = ahead.compute(q1);
    expect(q1Kpis).toEqual(inlineQ1);
    expect([...q1Kpis.values()].filter((k) => k.orders > 0)).toHaveLength(ids.length - 1);
  });

  it('leaves a first evaluation\'s scorecards as inline (the previous quarter computed, not stored)', () => {
    const cards = (from: number) => {
      lineScan.parallelFrom = from;
      // Without risk signals, so that the second run sees the register the first saw.
      const r = runEvaluation(createOpContext({ operation: 'evaluations.run', ws, user: 'tester' }), { period: '2019-Q2', trigger: 'manual', riskSignals: false });
      return r.scorecards.map(({ partnerId, revenueMinor, orders, healthScore, grade, tierRecommendation, recommendationReason }) => ({
        partnerId, revenueMinor, orders, healthScore, grade, tierRecommendation, recommendationReason,
      }));
    };
    const parallel = cards(0);
    // No run of 2019-Q1 is stored by the first: the second is a first evaluation too.
    const inline = cards(Infinity);
    expect(parallel).toEqual(inline);
    expect(parallel.filter((c) => c.orders > 0)).toHaveLength(ids.length - 1);
  });

  it('a cancelled evaluation drops its line scan: no answer is left unread, and the next run reads its own', () => {
    const evaluate = (cancelAt: string | null) => {
      const cancel = new CancelToken();
      const ctx = createOpContext({
        operation: 'evaluations.run',
        ws,
        user: 'tester',
        cancel,
        progress: (phase, done) => {
          if (`${phase}:${done}` === cancelAt) cancel.cancel();
        },
      });
      return runEvaluation(ctx, { period: '2019-Q2', trigger: 'manual', riskSignals: false });
    };
    lineScan.parallelFrom = Infinity;
    const inline = evaluate(null).scorecards;
    lineScan.parallelFrom = 0;
    // Cancelled at the first step of the evaluated period (its scan under way on the worker), and at its last step
    // (the scan read): neither leaves a scan behind, and nothing is stored.
    for (const at of ['kpis:1', 'kpis:7']) {
      expect(() => evaluate(at), at).toThrow(JobCancelled);
      expect(unsettledScans(), at).toBe(0);
    }
    expect(ws.sqlite.prepare("select count(*) from evaluation_runs where period = '2019-Q2'").pluck().get()).toBe(1);
    expect(evaluate(null).scorecards.map(({ partnerId, orders, healthScore, tierRecommendation }) => ({ partnerId, orders, healthScore, tierRecommendation }))).toEqual(
      inline.map(({ partnerId, orders, healthScore, tierRecommendation }) => ({ partnerId, orders, healthScore, tierRecommendation })),
    );
    expect(unsettledScans()).toBe(0);
  });

  it('a scan cancelled before or after its answer came is settled once; rows() after cancel() reads nothing', () => {
    const params = { ids: JSON.stringify(ids), start: '2019-01-01', end: '2019-03-31' };
    const early = scanInParallel(ws, LINES_SQL, params, 3)!;
    early.cancel();
    early.cancel();
    expect(early.rows()).toBeNull();
    const late = scanInParallel(ws, LINES_SQL, params, 3)!;
    expect(unsettledScans()).toBe(2 - 1);
    // The worker answers in order: once the next scan is read, the cancelled one's answer has been posted (and dropped).
    const next = scanInParallel(ws, LINES_SQL, params, 3)!;
    expect(next.rows()).not.toBeNull();
    late.cancel();
    expect(unsettledScans()).toBe(0);
  });

  it('is not started without a free core (the load average at or above lineScan.belowLoad): the scan is read inline', () => {
    const p = parsePeriod('2019-Q1', 1);
    lineScan.parallelFrom = Infinity;
    const inline = new KpiSource(ws, ids, 1).compute(p);
    lineScan.parallelFrom = 0;
    lineScan.belowLoad = -1;
    const busy = new KpiSource(ws, ids, 1);
    busy.startLineScan(p);
    expect(unsettledScans()).toBe(0);
    expect(busy.compute(p)).toEqual(inline);
    lineScan.belowLoad = Infinity;
    const free = new KpiSource(ws, ids, 1);
    free.startLineScan(p);
    expect(unsettledScans()).toBe(1);
    expect(free.compute(p)).toEqual(inline);
    expect(unsettledScans()).toBe(0);
  });

  it('a scan the worker has not begun when its rows are asked is taken back: read inline, skipped by the worker', () => {
    const params = { ids: JSON.stringify(ids), start: '2019-01-01', end: '2019-03-31' };
    scanHandOff.takeBack = true;
    // The worker is busy with the slow statement (or still starting): the scan behind it has not begun.
    const slow = scanInParallel(ws, SLOW_SQL, {}, 1)!;
    const behind = scanInParallel(ws, LINES_SQL, params, 3)!;
    expect(behind.rows()).toBeNull();
    expect(unsettledScans()).toBe(1);
    slow.cancel();
    expect(unsettledScans()).toBe(0);
    // The worker skipped both (or finished the slow one unread) and answers the next scan in full.
    scanHandOff.takeBack = false;
    const next = scanInParallel(ws, LINES_SQL, params, 3)!;
    expect(Array.from(next.rows()!)).toEqual((ws.sqlite.prepare(LINES_SQL).raw(true).all(params) as number[][]).flat());
    // An evaluation whose scan is taken back computes what it computes inline.
    const p = parsePeriod('2019-Q1', 1);
    lineScan.parallelFrom = Infinity;
    const inline = new KpiSource(ws, ids, 1).compute(p);
    lineScan.parallelFrom = 0;
    scanHandOff.takeBack = true;
    const source = new KpiSource(ws, ids, 1);
    scanInParallel(ws, SLOW_SQL, {}, 1)!.cancel();
    source.startLineScan(p);
    expect(source.compute(p)).toEqual(inline);
    expect(unsettledScans()).toBe(0);
  });

  it('an evaluation with its scan on the worker scores as inline, and leaves no scan unsettled whether it succeeds or fails', () => {
    const evaluate = (codes?: string[]) =>
      runEvaluation(createOpContext({ operation: 'evaluations.run', ws, user: 'tester' }), {
        period: '2019-Q2',
        trigger: 'manual',
        riskSignals: false,
        filter: codes ? { partnerCodes: codes } : undefined,
      });
    lineScan.parallelFrom = Infinity;
    const inline = evaluate().scorecards;
    lineScan.parallelFrom = 0;
    const onWorker = evaluate().scorecards;
    expect(onWorker).toEqual(inline);
    expect(onWorker.filter((c) => c.orders > 0)).toHaveLength(ids.length - 1);
    // Refused before its scan was started (an unknown partner code).
    expect(() => evaluate(['NOPE'])).toThrow();
    expect(unsettledScans()).toBe(0);
  });

  it('is not used where a second connection could read something else: in memory, or inside a transaction', () => {
    expect(canScanInParallel(memoryApi().ws)).toBe(false);
    ws.sqlite.transaction(() => {
      sale(ws, ids[0], '2019-02-02', 5_000);
      expect(canScanInParallel(ws)).toBe(false);
      expect(scanInParallel(ws, LINES_SQL, { ids: JSON.stringify(ids), start: '2019-01-01', end: '2019-03-31' }, 3)).toBeNull();
    })();
  });
});
