import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../db/database';
import { CHANNEL_TYPES, TIERS } from '../../../shared/enums';
import { isValidCreditCode } from '../../../shared/partnerIds';
import { DEMO_REGIONS, GEOGRAPHY, type Region } from '../../../electron/domain/demo/geography';
import { rowCounts } from '../../../electron/domain/system/workspaceInfo';
import type { ChannelRoles } from '../../../electron/domain/demo/channelHistory';
import { memoryApi, partnerInput } from '../../helpers/workspace';

/**
 * Tables the demo fills. created_at/updated_at record when rows were written, and approved_at when a payout run was
 * approved (a frozen run's own clock): they are left out of comparisons.
 */
const DEMO_TABLES = [
  'partners',
  'sales_lines',
  'targets',
  'feedback',
  'training_courses',
  'training_records',
  'risks',
  'risk_actions',
  'risk_history',
  'incentive_programs',
  'evaluation_schedules',
  'evaluation_runs',
  'scorecards',
  'schedule_runs',
  'payout_runs',
  'payout_lines',
  'deal_registrations',
  'products',
  'product_prices',
  'sell_through_lines',
  'inventory_snapshots',
  'sell_through_customers',
  'risk_evidence',
];

/** Tables keyed by something other than `id`. */
const ORDER: Record<string, string> = { sell_through_customers: 'partner_id, customer', risk_evidence: 'risk_id, line_id' };

function fingerprint(ws: Workspace): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of DEMO_TABLES) {
    const rows = ws.sqlite.prepare(`select * from ${t} order by ${ORDER[t] ?? 'id'}`).all() as Array<Record<string, unknown>>;
    const h = createHash('sha256');
    for (const r of rows) {
      const { created_at: _c, updated_at: _u, approved_at: _a, ...rest } = r;
      h.update(JSON.stringify(rest));
    }
    out[t] = `${rows.length}:${h.digest('hex')}`;
  }
  return out;
}

/** The as-of day these tests pin, so their years are fixed (the default is today). */
const DEMO_AS_OF = '2026-01-15';

const all = <T>(ws: Workspace, sql: string, ...params: unknown[]) => ws.sqlite.prepare(sql).all(...params) as T[];
const one = <T>(ws: Workspace, sql: string, ...params: unknown[]) => ws.sqlite.prepare(sql).get(...params) as T;

describe('demo dataset (scale 0.1)', () => {
  it('is deterministic: the same seed gives identical rows, another seed different ones', async () => {
    const a = memoryApi();
    const b = memoryApi();
    const c = memoryApi();
    await a.api.send('system.loadDemo', { scale: 0.1, seed: 7, asOf: DEMO_AS_OF });
    await b.api.send('system.loadDemo', { scale: 0.1, seed: 7, asOf: DEMO_AS_OF });
    await c.api.send('system.loadDemo', { scale: 0.1, seed: 8, asOf: DEMO_AS_OF });
    const fa = fingerprint(a.ws);
    expect(fingerprint(b.ws)).toEqual(fa);
    const fc = fingerprint(c.ws);
    expect(fc.partners).not.toEqual(fa.partners);
    expect(fc.sales_lines).not.toEqual(fa.sales_lines);
    // Without a seed the default seed is used, and it is stable too.
    const d = memoryApi();
    const e = memoryApi();
    await d.api.send('system.loadDemo', { scale: 0.1, asOf: DEMO_AS_OF });
    await e.api.send('system.loadDemo', { scale: 0.1, asOf: DEMO_AS_OF });
    expect(fingerprint(e.ws)).toEqual(fingerprint(d.ws));
  });

  it('scales the partner count and fills every area; the workspace check passes', async () => {
    const { api, ws } = memoryApi();
    const result = await api.send('system.loadDemo', { scale: 0.1, asOf: DEMO_AS_OF });
    expect(result.partners).toBe(30);
    const counts = rowCounts(ws);
    expect(counts.partners).toBe(30);
    expect(counts.sales_lines).toBe(result.salesLines);
    expect(result.salesLines).toBeGreaterThan(5_000);
    for (const t of ['targets', 'feedback', 'training_courses', 'training_records', 'risks', 'incentive_programs']) expect(counts[t], t).toBeGreaterThan(0);
    const check = await api.send('system.check', {});
    expect(check.foreignKeyViolations).toEqual([]);
    expect(check.ok).toBe(true);
    // The load is audited once.
    expect(all(ws, "select operation from audit_log where operation = 'system.loadDemo'")).toHaveLength(1);
  });

  it('has this quarter\'s market development fund in every state and next year\'s plan in draft, dated as of its day', async () => {
    const { api } = memoryApi();
    await api.send('system.loadDemo', { scale: 0.1, asOf: DEMO_AS_OF });
    const [fund] = await api.send('mdf.funds.list', {});
    expect(fund.period).toBe('2026-Q1');
    const requests = await api.send('mdf.requests.list', {});
    expect(new Set(requests.map((r) => r.status))).toEqual(new Set(['pending', 'approved', 'rejected']));
    for (const r of requests) expect(r.startsOn >= '2026-01-01' && r.endsOn <= '2026-03-31').toBe(true);
    const claims = await api.send('mdf.claims.list', {});
    expect(new Set(claims.map((c) => c.status))).toEqual(new Set(['submitted', 'approved', 'paid']));
    // Decided and paid on the demo's day, not on the day the tests run.
    for (const c of claims.filter((c) => c.status === 'paid')) expect(c.paidOn).toBe(DEMO_AS_OF);
    const proof = await api.send('mdf.proofs.get', { id: claims[0].proofs[0].id });
    expect(proof.mediaType).toBe('application/pdf');
    const balance = await api.send('mdf.balance', { fundId: fund.id });
    expect(balance.approvedMinor).toBeGreaterThan(0);
    const plans = await api.send('plans.list', {});
    expect(plans.map((p) => [p.code, p.period, p.status])).toEqual([['PLAN-2027', '2027', 'draft']]);
    const plan = await api.send('plans.show', { code: 'PLAN-2027' });
    expect(plan.nodes.filter((n) => n.kind === 'partner').length).toBeGreaterThan(20);
    expect(plan.allocations.reduce((s, a) => s + a.amountMinor, 0)).toBe(plan.totalMinor);
  });

  it('writes sales lines that belong to existing partners, within each partner’s active time and the demo years', async () => {
    const { api, ws } = memoryApi();
    await api.send('system.loadDemo', { scale: 0.1, asOf: DEMO_AS_OF });
    expect(one<{ n: number }>(ws, 'select count(*) as n from sales_lines s left join partners p on p.id = s.partner_id where p.id is null').n).toBe(0);
    const range = one<{ lo: string; hi: string }>(ws, 'select min(date) as lo, max(date) as hi from sales_lines');
    expect(range.lo >= '2023-01-01').toBe(true);
    expect(range.hi <= '2025-12-31').toBe(true);
    // No partner sells before it joined; prospects do not sell at all.
    expect(one<{ n: number }>(ws, 'select count(*) as n from sales_lines s join partners p on p.id = s.partner_id where p.joined_on is null or s.date < p.joined_on').n).toBe(0);
    // Every line has a reference and the dedupe key derived from it.
    expect(one<{ n: number }>(ws, "select count(*) as n from sales_lines where line_ref is null or dedupe_key <> 'ref:' || line_ref").n).toBe(0);
    // Money in whole fen, returns as negative lines with negative amounts.
    const money = one<{ frac: number; returns: number; badSign: number }>(
      ws,
      `select sum(amount_minor <> cast(amount_minor as integer) or cost_minor <> cast(cost_minor as integer)) as frac,
              sum(quantity < 0) as returns, sum((quantity < 0) <> (amount_minor < 0)) as badSign from sales_lines`,
    );
    expect(money.frac).toBe(0);
    expect(money.returns).toBeGreaterThan(0);
    expect(money.badSign).toBe(0);
    // Targets and feedback refer to partners too, and every target is for a quarter.
    expect(one<{ n: number }>(ws, "select count(*) as n from targets where period not glob '20[0-9][0-9]-Q[1-4]' or metric <> 'revenue' or value <= 0").n).toBe(0);
  });

  it('gives every partner a valid unified social credit code and a place in its region', async () => {
    const { api, ws } = memoryApi();
    await api.send('system.loadDemo', { scale: 0.1, asOf: DEMO_AS_OF });
    const partners = all<{ credit_code: string; region: Region; province: string; city: string; name: string; email: string }>(
      ws,
      'select credit_code, (select name_zh from territories t where t.id = p.territory_id) as region, province, city, name, email from partners p',
    );
    for (const p of partners) {
      expect(isValidCreditCode(p.credit_code), p.credit_code).toBe(true);
      const province = GEOGRAPHY[p.region].find((x) => x.name === p.province);
      expect(province, `${p.province} in ${p.region}`).toBeDefined();
      expect(province!.cities.map((c) => c.name)).toContain(p.city);
      expect(p.name).toMatch(/(有限公司|有限责任公司|股份有限公司)$/);
      expect(p.email).toMatch(/^[a-z.]+@[a-z0-9.]+$/);
    }
    expect(new Set(partners.map((p) => p.credit_code)).size).toBe(partners.length);
    expect(new Set(partners.map((p) => p.name)).size).toBe(partners.length);
  });

  it('has training records that have lapsed and some that lapse soon after the as-of date, each with the course’s validity', async () => {
    const { api, ws } = memoryApi();
    await api.send('system.loadDemo', { scale: 0.1, asOf: DEMO_AS_OF });
    const counts = one<{ expired: number; soon: number }>(
      ws,
      `select sum(expires_on < ?) as expired, sum(expires_on between ? and date(?, '+90 days')) as soon from training_records`,
      DEMO_AS_OF,
      DEMO_AS_OF,
      DEMO_AS_OF,
    );
    expect(counts.expired).toBeGreaterThan(0);
    expect(counts.soon).toBeGreaterThan(0);
    const wrong = all(
      ws,
      `select r.id from training_records r join training_courses c on c.id = r.course_id
       where r.passed = 1 and c.validity_months is not null and r.expires_on <> date(r.completed_on, '+' || c.validity_months || ' months')
         and substr(r.completed_on, 9, 2) <= '28'`,
    );
    expect(wrong).toEqual([]);
  });

  it('is refused on a workspace that already has partners', async () => {
    const { api, ws } = memoryApi();
    await api.send('partners.create', partnerInput('X1'));
    await expect(api.send('system.loadDemo', { scale: 0.1, asOf: DEMO_AS_OF })).rejects.toMatchObject({ body: { code: 'CONFLICT' } });
    expect(rowCounts(ws).partners).toBe(1);
    expect(rowCounts(ws).sales_lines).toBe(0);
  });

  it('leaves the workspace empty when cancelled', async () => {
    const { api, ws } = memoryApi();
    const abort = new AbortController();
    const phases: string[] = [];
    const run = api.send('system.loadDemo', { scale: 0.1 }, { signal: abort.signal, onProgress: (p) => (phases.push(p.phase), abort.abort()) });
    await expect(run).rejects.toMatchObject({ body: { code: 'CANCELLED' } });
    expect(phases.length).toBeGreaterThan(0);
    const counts = rowCounts(ws);
    for (const [table, n] of Object.entries(counts)) expect(n, table).toBe(0);
    expect(ws.sqlite.inTransaction).toBe(false);
    // And a later load works.
    const again = await api.send('system.loadDemo', { scale: 0.1, asOf: DEMO_AS_OF });
    expect(again.partners).toBe(30);
  });
});

describe('demo dataset relative to its as-of day', () => {
  const AS_OF = '2026-11-29';
  let ws: Workspace;
  let result: { partners: number; salesLines: number; asOf: string; evaluated: string[]; payoutRuns: number };

  beforeAll(async () => {
    const m = memoryApi();
    ws = m.ws;
    result = await m.api.send('system.loadDemo', { scale: 0.1, asOf: AS_OF });
  }, 60_000);

  it('ends its sales with the last full month before the as-of day, 36 months back', () => {
    const range = one<{ lo: string; hi: string }>(ws, 'select min(date) as lo, max(date) as hi from sales_lines');
    expect(range.lo >= '2023-11-01').toBe(true);
    expect(range.hi <= '2026-10-31').toBe(true);
    expect(range.hi >= '2026-10-01').toBe(true);
    expect(result.asOf).toBe(AS_OF);
    // Programs are those of the year of the last full quarter.
    expect(all<{ code: string }>(ws, 'select code from incentive_programs order by code').map((r) => r.code)).toEqual(['REB-2026-H-ONLINE', 'REB-2026-Q', 'REB-2026-Y-STRATEGIC']);
  });

  it('arrives evaluated: the last four full quarters, the last half-year and year, never a period without all its sales', () => {
    expect(result.evaluated).toEqual(['2025-Q4', '2025', '2026-Q1', '2026-Q2', '2026-H1', '2026-Q3']);
    const runs = all<{ period: string; n: number }>(ws, 'select r.period, count(c.id) as n from evaluation_runs r join scorecards c on c.run_id = r.id group by r.period');
    expect(runs.map((r) => r.period).sort()).toEqual([...result.evaluated].sort());
    for (const r of runs) expect(r.n, r.period).toBeGreaterThan(20);
    // Each schedule's latest due period is recorded as covered, so the scheduler does not evaluate it again.
    const claims = all<{ cycle: string; period: string; outcome: string }>(
      ws,
      'select s.cycle, r.period, r.outcome from schedule_runs r join evaluation_schedules s on s.id = r.schedule_id order by s.id',
    );
    expect(claims).toEqual([
      { cycle: 'quarterly', period: '2026-Q3', outcome: 'succeeded' },
      { cycle: 'half_yearly', period: '2026-H1', outcome: 'succeeded' },
      { cycle: 'yearly', period: '2025', outcome: 'succeeded' },
      { cycle: 'yearly', period: '2025', outcome: 'succeeded' },
    ]);
  });

  it('has payout runs in different states: one paid, one awaiting approval, one approved', () => {
    const runs = all<{ code: string; period: string; status: string }>(
      ws,
      'select p.code, r.period, r.status from payout_runs r join incentive_programs p on p.id = r.program_id order by r.id',
    );
    expect(runs).toEqual([
      { code: 'REB-2026-Q', period: '2026-Q2', status: 'paid' },
      { code: 'REB-2026-Q', period: '2026-Q3', status: 'draft' },
      { code: 'REB-2026-H-ONLINE', period: '2026-H1', status: 'approved' },
    ]);
    // Approved after the period was calculated, paid after approval, all before the as-of day: the ledger reads in order.
    const paid = one<{ calculated: string; approved: string; paid: string }>(
      ws,
      `select substr(calculated_at, 1, 10) as calculated, substr(approved_at, 1, 10) as approved, paid_at as paid from payout_runs where status = 'paid'`,
    );
    expect(paid.calculated < paid.approved && paid.approved < paid.paid && paid.paid <= AS_OF).toBe(true);
  });

  it('places reviews, actions, certificates and deals around the as-of day: a few overdue, most not', () => {
    const reviews = one<{ open: number; overdue: number; long: number }>(
      ws,
      `select count(*) as open, sum(next_review_on < ?) as overdue, sum(next_review_on < date(?, '-31 days')) as long
       from risks where status <> 'closed' and source = 'manual'`,
      AS_OF,
      AS_OF,
    );
    expect(reviews.overdue).toBeLessThan(reviews.open / 2);
    expect(reviews.long).toBe(0);
    const actions = one<{ n: number; late: number }>(ws, "select count(*) as n, sum(done_on is null and due_on < ?) as late from risk_actions", AS_OF);
    expect(actions.late).toBeLessThan(actions.n / 3);
    const certs = one<{ expired: number; soon: number; valid: number }>(
      ws,
      `select sum(expires_on < ?) as expired, sum(expires_on between ? and date(?, '+90 days')) as soon, sum(expires_on > date(?, '+90 days')) as valid
       from training_records where expires_on is not null`,
      AS_OF,
      AS_OF,
      AS_OF,
      AS_OF,
    );
    expect(certs.soon).toBeGreaterThan(0);
    expect(certs.valid).toBeGreaterThan(certs.soon);
    const deals = one<{ lo: string; hi: string }>(ws, 'select min(substr(registered_at, 1, 10)) as lo, max(substr(registered_at, 1, 10)) as hi from deal_registrations');
    expect(deals.lo >= '2026-09-01').toBe(true);
    expect(deals.hi < AS_OF).toBe(true);
  });
});

describe('demo dataset (scale 1)', () => {
  let ws: Workspace;
  let api: ReturnType<typeof memoryApi>['api'];
  let result: { partners: number; salesLines: number; channel: { partners: number; sellThroughLines: number; stockRows: number; roles: ChannelRoles } };

  beforeAll(async () => {
    const m = memoryApi();
    ws = m.ws;
    api = m.api;
    result = await m.api.send('system.loadDemo', { scale: 1, asOf: DEMO_AS_OF });
  }, 60_000);

  it('has products with floor prices, and partners reporting sell-through and stock that follow their sell-in', () => {
    expect(one<{ n: number }>(ws, 'select count(*) as n from products').n).toBe(40);
    const belowList = one<{ n: number; ok: number }>(ws, 'select count(*) as n, sum(floor_price_minor < list_price_minor) as ok from product_prices');
    expect(belowList.ok).toBe(belowList.n);
    const { channel } = result;
    expect(channel.partners).toBeGreaterThanOrEqual(30);
    expect(one<{ n: number }>(ws, 'select count(distinct partner_id) as n from sell_through_lines').n).toBe(channel.partners);
    expect(one<{ n: number }>(ws, 'select count(*) as n from sell_through_lines').n).toBe(channel.sellThroughLines);
    // Every line's customer province resolved to a province of the territory tree, as an import would have it.
    expect(one<{ n: number }>(ws, "select count(*) as n from sell_through_lines s left join territories t on t.id = s.customer_territory_id where t.kind is not 'province'").n).toBe(0);
    // Over the two years, each partner sells on about what it bought (the stuffing partner less).
    const ratios = all<{ code: string; r: number }>(
      ws,
      `select p.code, (select sum(quantity) from sell_through_lines s where s.partner_id = p.id) * 1.0
         / (select sum(quantity) from sales_lines l where l.partner_id = p.id and l.date >= (select min(date) from sell_through_lines)) as r
       from partners p where p.id in (select partner_id from sell_through_lines)`,
    );
    for (const { code, r } of ratios) {
      if (channel.roles.stuffing.includes(code)) expect(r, code).toBeLessThan(0.95);
      else expect(r, code).toBeGreaterThan(0.85);
      expect(r, code).toBeLessThan(1.1);
    }
  });

  it('shows a channel manager the findings of the last quarter: stuffing, 窜货, 乱价 and late stock reports, on their partners only', async () => {
    const { roles } = result.channel;
    for (const list of Object.values(roles)) expect(list.length).toBeGreaterThan(0);
    const o = await api.send('inventory.overview', { period: '2025-Q4' });
    const flagged = (f: string) => o.partners.filter((p) => p.flags?.split(' ').includes(f)).map((p) => p.partnerCode).sort();
    expect(flagged('stuffing')).toEqual([...roles.stuffing].sort());
    expect(flagged('crossTerritory')).toEqual([...roles.crossTerritory].sort());
    expect(flagged('belowFloor')).toEqual([...roles.belowFloor].sort());
    expect(o.partners.filter((p) => p.reportFlag === 'late').map((p) => p.partnerCode)).toEqual(roles.lateReport);
    expect(o.partners.filter((p) => p.reportFlag === 'never').map((p) => p.partnerCode)).toEqual(roles.neverReported);
    const stuffer = o.partners.find((p) => p.partnerCode === roles.stuffing[0])!;
    expect(stuffer.daysOfInventory!).toBeGreaterThan(o.rules.doiLimitDays);
    // Everyone else keeps about a month of stock.
    for (const p of o.partners) if (!roles.stuffing.includes(p.partnerCode) && p.daysOfInventory !== null) expect(p.daysOfInventory, p.partnerCode).toBeLessThan(o.rules.doiLimitDays);
    const trend = await api.send('inventory.trend', { to: '2025-Q4', months: 12 });
    expect(trend.every((m) => (m.sellInQuantity ?? 0) > 0 && (m.sellThroughQuantity ?? 0) > 0)).toBe(true);
  });

  it('arrives with the channel auto-risks of the last quarter, their evidence lines linked', async () => {
    const { roles } = result.channel;
    const risks = all<{ id: number; rule: string; code: string }>(
      ws,
      "select r.id, r.rule_code as rule, p.code from risks r join partners p on p.id = r.partner_id where r.rule_code like 'inventory:%' and r.status = 'open' order by 2, 3",
    );
    const of = (rule: string) => risks.filter((r) => r.rule === rule).map((r) => r.code);
    expect(of('inventory:stuffing')).toEqual([...roles.stuffing].sort());
    expect(of('inventory:crossTerritory')).toEqual([...roles.crossTerritory].sort());
    expect(of('inventory:belowFloor')).toEqual([...roles.belowFloor].sort());
    for (const r of risks.filter((x) => x.rule !== 'inventory:stuffing')) {
      const ev = await api.send('inventory.riskEvidence', { riskId: r.id });
      expect(ev.lines.length, r.code).toBeGreaterThan(0);
    }
  });

  it('gives reporting partners end customers in every segment, some of them lapsed (a win-back list)', async () => {
    const rfm = await api.send('inventory.customers.rfm', { asOf: DEMO_AS_OF, windowMonths: 12 });
    const segments = new Set(rfm.map((c) => c.segment));
    for (const s of ['champions', 'loyal', 'lost', 'new']) expect(segments.has(s as never), s).toBe(true);
    const code = result.channel.roles.crossTerritory[0];
    const lapsed = await api.send('inventory.customers.lapsed', { asOf: DEMO_AS_OF, partnerCode: code, windowMonths: 12 });
    expect(lapsed.length).toBeGreaterThan(0);
    const cohorts = await api.send('inventory.customers.cohorts', { asOf: DEMO_AS_OF, partnerCode: code, quarters: 8 });
    expect(cohorts.cohorts.filter((c) => c.customers > 0).length).toBeGreaterThan(4);
  });

  it('has about 300 partners across all channel types, tiers and regions, mostly active', () => {
    expect(result.partners).toBe(300);
    const distinct = (col: string) => all<{ v: string }>(ws, `select distinct ${col} as v from partners`).map((r) => r.v).sort();
    expect(distinct('channel_type')).toEqual([...CHANNEL_TYPES].sort());
    expect(distinct('tier')).toEqual([...TIERS].sort());
    expect(all<{ r: string }>(ws, "select distinct t.name_zh as r from partners p join territories t on t.id = p.territory_id order by 1").map((x) => x.r)).toEqual([...DEMO_REGIONS].sort());
    const active = one<{ n: number }>(ws, "select count(*) as n from partners where status = 'active'").n;
    expect(active / result.partners).toBeGreaterThan(0.7);
    expect(active).toBeLessThan(result.partners);
  });

  it('has about 200k sales lines over three years, with data in 2025-Q1 and the year before', () => {
    expect(result.salesLines).toBeGreaterThan(150_000);
    expect(result.salesLines).toBeLessThan(260_000);
    const byYear = all<{ y: string; n: number }>(ws, "select substr(date, 1, 4) as y, count(*) as n from sales_lines group by 1 order by 1");
    expect(byYear.map((r) => r.y)).toEqual(['2023', '2024', '2025']);
    const q1 = one<{ n: number }>(ws, "select count(*) as n from sales_lines where date between '2025-01-01' and '2025-03-31'").n;
    const q1Prev = one<{ n: number }>(ws, "select count(*) as n from sales_lines where date between '2024-01-01' and '2024-03-31'").n;
    expect(q1).toBeGreaterThan(0);
    expect(q1Prev).toBeGreaterThan(0);
  });

  it('shows the Spring Festival dip and the Double 11 peak in e-commerce', () => {
    const month = (ym: string, channel?: string) =>
      one<{ v: number }>(
        ws,
        `select coalesce(sum(amount_minor), 0) as v from sales_lines s join partners p on p.id = s.partner_id
         where substr(s.date, 1, 7) = ? ${channel ? 'and p.channel_type = ?' : ''}`,
        ...(channel ? [ym, channel] : [ym]),
      ).v;
    // 春节: 2024-02-10 — February is the weakest month of the first quarter.
    expect(month('2024-02')).toBeLessThan(month('2024-03'));
    expect(month('2024-02')).toBeLessThan(month('2024-04'));
    for (const y of ['2023', '2024', '2025']) {
      expect(month(`${y}-11`, 'ecommerce')).toBeGreaterThan(1.4 * month(`${y}-10`, 'ecommerce'));
      expect(month(`${y}-06`, 'ecommerce')).toBeGreaterThan(1.2 * month(`${y}-05`, 'ecommerce'));
    }
  });

  it('sets 2025-Q1 revenue targets so that attainment spreads around 60–130 %', () => {
    const rows = all<{ attainment: number }>(
      ws,
      `select 1.0 * (select coalesce(sum(amount_minor), 0) from sales_lines s where s.partner_id = t.partner_id and s.date between '2025-01-01' and '2025-03-31') / t.value as attainment
       from targets t where t.period = '2025-Q1' and t.metric = 'revenue'`,
    );
    expect(rows.length).toBeGreaterThan(200);
    const a = rows.map((r) => r.attainment).sort((x, y) => x - y);
    const share = (lo: number, hi: number) => a.filter((v) => v >= lo && v <= hi).length / a.length;
    expect(share(0.55, 1.4)).toBeGreaterThan(0.95);
    expect(a[Math.floor(a.length / 2)]).toBeGreaterThan(0.85);
    expect(a[Math.floor(a.length / 2)]).toBeLessThan(1.1);
    // A real spread: some well under target, some well over.
    expect(share(0, 0.8)).toBeGreaterThan(0.05);
    expect(share(1.15, 9)).toBeGreaterThan(0.05);
  });

  it('gives each partner a customer base that changes: customers are lost and new ones won', () => {
    const churn = one<{ lost: number; won: number }>(
      ws,
      `with c as (select partner_id, customer_ref, min(date) as first, max(date) as last from sales_lines where quantity > 0 group by 1, 2)
       select sum(last < '2025-01-01') as lost, sum(first >= '2025-01-01') as won from c`,
    );
    expect(churn.lost).toBeGreaterThan(100);
    expect(churn.won).toBeGreaterThan(100);
  });

  it('has risks across categories, incentive programs and the default evaluation schedules', () => {
    const risks = all<{ category: string; likelihood: number; impact: number }>(ws, 'select category, likelihood, impact from risks');
    expect(risks.length).toBeGreaterThanOrEqual(10);
    expect(new Set(risks.map((r) => r.category)).size).toBeGreaterThanOrEqual(6);
    for (const r of risks) {
      expect(r.likelihood).toBeGreaterThanOrEqual(1);
      expect(r.impact).toBeLessThanOrEqual(5);
    }
    const programs = all<{ code: string; type: string; definition: string }>(ws, 'select code, type, definition from incentive_programs');
    expect(programs.length).toBeGreaterThanOrEqual(2);
    for (const p of programs) {
      const def = JSON.parse(p.definition) as { code: string; type: string; tiers: Array<{ from: number; rate: number }> };
      expect(def.code).toBe(p.code);
      expect(def.type).toBe(p.type);
      const froms = def.tiers.map((t) => t.from);
      expect(froms).toEqual([...froms].sort((x, y) => x - y));
    }
    const schedules = all<{ cycle: string; tiers: string }>(ws, 'select cycle, tiers from evaluation_schedules');
    const cycleOf = (tier: string) => schedules.filter((s) => (JSON.parse(s.tiers) as string[]).includes(tier)).map((s) => s.cycle);
    expect(cycleOf('tier1')).toEqual(['quarterly']);
    expect(cycleOf('tier2')).toEqual(['half_yearly']);
    expect(cycleOf('strategic')).toEqual(['yearly']);
    expect(cycleOf('tier3')).toEqual(['yearly']);
  });
});
