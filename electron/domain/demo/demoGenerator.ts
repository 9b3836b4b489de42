import type { Workspace } from '../../../db/database';
import { DomainError } from '../../../shared/errors';
import { withClock, type OpContext } from '../opContext';
import { fixedClock, startOfDayIso } from '../../../shared/clock';
import { channelManagerStore } from '../channelManagers/store';
import { partnerStore } from '../partners/store';
import { riskStore } from '../risks/store';
import { systemStore } from '../system/store';
import { territoryStore } from '../territories/store';
import { courseStore } from '../training/store';
import { demoStore } from './store';
import { writeDemoCompanyProfile } from './demoCompany';
import { dropSecondaryIndexes } from '../imports/bulkIndexes';
import { addDays, demoCalendar, fullQuarters, quarterKey, type DemoCalendar } from './calendar';
import { demoPrograms, SCHEDULES } from './demoPrograms';
import { evaluateDemo, type DemoEvaluation } from './demoEvaluations';
import { insertDeals } from './demoDeals';
import { insertFunds } from './demoFunds';
import { insertPlan } from './demoPlans';
import { buildRisks } from './demoRisks';
import { buildFeedback } from './feedbackHistory';
import { buildPartners, type DemoPartner } from './partnerFactory';
import { Rng } from './prng';
import { generatePartnerSales, type DemoSalesLine } from './salesHistory';
import { buildTrainingRecords, COURSES } from './trainingHistory';
import { demoProducts, generateChannelHistory, pickReportingPartners, type ChannelRoles, type SellInByMonth } from './channelHistory';
import { customerMonthStore, lookupStore } from '../inventory/store';
import { partnerMonthStore } from '../inventory/store/partnerMonths';

export interface DemoOptions {
  seed?: number;
  scale?: number;
  /** The day the demo is "as of" (YYYY-MM-DD); default today (local calendar day). */
  asOf?: string;
}

export interface DemoResult {
  partners: number;
  salesLines: number;
  asOf: string;
  evaluated: string[];
  payoutRuns: number;
  /** Partners reporting sell-through and stock, their lines and stock rows, and who carries which channel finding. */
  channel: { partners: number; sellThroughLines: number; stockRows: number; roles: ChannelRoles };
}

export const DEFAULT_DEMO_SEED = 20250101;
/** Partners at scale 1. */
export const BASE_PARTNER_COUNT = 300;

/** Lets a caller in the same thread (CLI, tests) see progress and cancel between chunks. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Sales lines between cancellation checks. */
const SALES_CHUNK = 5000;

export function demoPartnerCount(scale: number): number {
  return Math.max(8, Math.round(BASE_PARTNER_COUNT * scale));
}

/**
 * Fills an empty workspace with the deterministic demo channel network: same seed and scale ⇒ the same rows
 * (apart from created_at/updated_at, which record when they were written).
 * Everything is written in ONE transaction: a cancel or a failure leaves the workspace as it was.
 */
export async function generateDemo(ctx: OpContext, opts: DemoOptions): Promise<DemoResult> {
  const seed = opts.seed ?? DEFAULT_DEMO_SEED;
  const scale = opts.scale ?? 1;
  const cal = demoCalendar(opts.asOf ?? ctx.today());
  const { ws } = ctx;
  const root = new Rng(seed);
  const rngs = { partners: root.fork(1), sales: root.fork(2), targets: root.fork(3), training: root.fork(4), feedback: root.fork(5), risks: root.fork(6) };
  // Its own stream, so adding the channel data moved none of the other areas' draws.
  const channelRng = new Rng((seed ^ 0x5e11) >>> 0);

  // Let in-process callers attach their progress and cancel listeners before the work starts.
  await breathe();
  ctx.throwIfCancelled();

  // The transaction spans awaits (to stay cancellable in-process), so it is opened by hand rather than with sqlite.transaction().
  demoStore.begin(ws);
  try {
    if (!demoStore.isEmpty(ws)) throw new DomainError('The demo dataset can only be loaded into an empty workspace', 'CONFLICT', { reason: 'demoNotEmpty', params: {} });

    // The issuing company (statements are refused without it); a profile someone already entered is kept.
    writeDemoCompanyProfile(ws, ctx.clock.now());

    // Partners
    const partners = buildPartners(rngs.partners, demoPartnerCount(scale), cal);
    insertPartners(ws, partners, ctx);
    ctx.throwIfCancelled();
    await breathe();

    // Sales, into a table without its secondary indexes: building them once afterwards is cheaper than keeping them up
    // to date line by line (the time this saves pays for the evaluations below).
    const cacheSize = demoStore.cacheSize(ws);
    const salesIndexes = dropSecondaryIndexes(ws.sqlite, 'sales_lines');
    // The partners that will report sell-through and stock: their sell-in per month and product is kept on the way.
    const reporting = pickReportingPartners(channelRng, partners, cal, scale);
    const sellIn: SellInByMonth = new Map(reporting.map((p) => [p.id, new Map()]));
    const { lines: salesLines, revenue } = await insertSales(ws, rngs.sales, partners, cal, ctx, sellIn);
    ctx.progress('index', 0, salesIndexes.count);
    salesIndexes.restore();
    demoStore.setCacheSize(ws, cacheSize);
    ctx.throwIfCancelled();

    // After sell-in: products with floor prices, the reporting partners' sell-through and stock reports.
    const channel = insertChannelHistory(ws, channelRng, reporting, sellIn, cal, ctx);
    ctx.throwIfCancelled();
    await breathe();

    // Targets
    insertTargets(ws, rngs.targets, partners, revenue, cal, ctx);
    ctx.throwIfCancelled();
    await breathe();

    // Training
    ctx.progress('training', 0, COURSES.length);
    const courseIds = insertCourses(ws, ctx.clock.now().toISOString());
    const records = buildTrainingRecords(rngs.training, partners, cal, { next: 1 });
    const writeRecord = demoStore.recordWriter(ws);
    for (const r of records)
      writeRecord({ partnerId: r.partnerId, courseId: courseIds.get(r.courseCode)!, trainee: r.trainee, completedOn: r.completedOn, score: r.score, passed: r.passed, certificateNo: r.certificateNo, expiresOn: r.expiresOn });
    ctx.progress('training', COURSES.length, COURSES.length);
    ctx.throwIfCancelled();
    await breathe();

    // Feedback
    const feedback = buildFeedback(rngs.feedback, partners, cal);
    ctx.progress('feedback', 0, feedback.length);
    const writeFeedback = demoStore.feedbackWriter(ws);
    for (const f of feedback) writeFeedback({ partnerId: f.partnerId, date: f.date, score: f.score, comment: f.comment, dedupeKey: f.dedupeKey });
    ctx.progress('feedback', feedback.length, feedback.length);
    ctx.throwIfCancelled();
    await breathe();

    // Risks, incentive programs, evaluation schedules
    insertRisks(ws, rngs.risks, partners, cal, ctx);
    const programYear = Number(fullQuarters(cal).at(-1)!.slice(0, 4));
    insertProgramsAndSchedules(ws, programYear);
    const deals = insertDeals(ctx.ws, root.fork(7), partners, cal, ctx.user, ctx.clock.now());
    ctx.throwIfCancelled();
    await breathe();

    // Evaluated and paid out as a business would be on the as-of day, so the dashboard has charts at once.
    const evaluation: DemoEvaluation = await evaluateDemo(ctx, cal, programYear, breathe, reporting.map((p) => p.id));

    // This quarter's market development fund and next year's plan in draft, dated as of the demo's day.
    const zone = ctx.clock.timeZone;
    // Dated as of the demo's day (noon there); not audited record by record: the load is audited once, below.
    const asOfCtx: OpContext = Object.create(withClock(ctx, fixedClock(new Date(Date.parse(startOfDayIso(cal.asOf, zone)) + 12 * 3_600_000), zone)), {
      audit: { value: () => undefined },
    });
    const funds = insertFunds(asOfCtx, root.fork(8), cal, partners.length);
    const plan = insertPlan(asOfCtx, cal, revenueByQuarter(revenue));
    ctx.throwIfCancelled();

    const result = { partners: partners.length, salesLines, asOf: cal.asOf, evaluated: evaluation.periods, payoutRuns: evaluation.payoutRuns, channel };
    ctx.audit({
      entity: 'workspace',
      after: { seed, scale, ...result, deals, mdfRequests: funds.requests, mdfClaims: funds.claims, plan: plan.code, targets: systemStore.rowCount(ws.sqlite, 'targets'), trainingRecords: records.length, feedback: feedback.length },
    });
    demoStore.commit(ws);
    return result;
  } catch (e) {
    demoStore.rollback(ws);
    throw e;
  }
}

/** Demo partners go to the seeded top-level territory of their region; their owners become channel managers with history. */
function insertPartners(ws: Workspace, partners: DemoPartner[], ctx: OpContext) {
  ctx.progress('partners', 0, partners.length);
  const regions = new Map(
    territoryStore
      .nodes(ws)
      .filter((t) => t.kind === 'territory')
      .map((t) => [t.nameZh, t.id]),
  );
  const territoryOf = (region: string) => regions.get(region) ?? null;
  const managers = new Map(channelManagerStore.keys(ws).map((m) => [m.name, m.id]));
  const managerOf = (name: string, region: string): number => {
    let id = managers.get(name);
    if (id === undefined) {
      id = channelManagerStore.insert(ws, { name, email: `${name}@example.com`, phone: null, territoryId: territoryOf(region), active: true }, ctx.clock.now().toISOString());
      managers.set(name, id);
    }
    return id;
  };
  const write = partnerStore.bulkWriter(ws.db);
  partners.forEach((p, i) => {
    const { region, owner, ...row } = p.row;
    const channelManagerId = managerOf(owner, region);
    p.id = write.partner({ ...row, territoryId: territoryOf(region), channelManagerId, currency: 'CNY' });
    write.assignment({ partnerId: p.id, fromManagerId: null, toManagerId: channelManagerId, changedOn: p.row.joinedOn ?? '2024-01-01', reason: 'onboarding', changedBy: ctx.user });
    if (i % 50 === 0) ctx.progress('partners', i, partners.length);
  });
  ctx.progress('partners', partners.length, partners.length);
}

/** Net revenue per partner and quarter ('2025-Q1' → fen), kept from the sales phase for target setting. */
type QuarterRevenue = Map<DemoPartner, Map<string, number>>;

const revenueByQuarter = (revenue: QuarterRevenue): Map<string, number> => {
  const out = new Map<string, number>();
  for (const quarters of revenue.values()) for (const [q, minor] of quarters) out.set(q, (out.get(q) ?? 0) + minor);
  return out;
};

async function insertSales(ws: Workspace, rng: Rng, partners: DemoPartner[], cal: DemoCalendar, ctx: OpContext, sellIn: SellInByMonth): Promise<{ lines: number; revenue: QuarterRevenue }> {
  const write = demoStore.salesWriter(ws);
  const emit = (l: DemoSalesLine) => {
    write(l, `ref:${l.lineRef}`);
    const months = sellIn.get(l.partnerId);
    if (!months) return;
    const key = l.date.slice(0, 7);
    let products = months.get(key);
    if (!products) months.set(key, (products = new Map()));
    products.set(l.product, (products.get(l.product) ?? 0) + l.quantity);
  };
  const orders = { next: 1 };
  const quarterRevenue: QuarterRevenue = new Map();
  let lines = 0;
  let sinceBreath = 0;
  ctx.progress('sales', 0, partners.length);
  for (const [i, p] of partners.entries()) {
    let n = 0;
    // Each partner draws from its own stream: a partner's history does not depend on how many lines the others had.
    const revenue = generatePartnerSales(rng.fork(i), p, cal, orders, (l) => {
      emit(l);
      n++;
    });
    quarterRevenue.set(p, revenue);
    lines += n;
    sinceBreath += n;
    ctx.progress('sales', i + 1, partners.length, { lines });
    if (sinceBreath >= SALES_CHUNK) {
      sinceBreath = 0;
      ctx.throwIfCancelled();
      await breathe();
      ctx.throwIfCancelled();
    }
  }
  return { lines, revenue: quarterRevenue };
}

/**
 * The product list (floor price 75 % of list, from the first month of sales) and the reporting partners' sell-through
 * lines and stock reports (channelHistory.ts), written as imports would store them (customer provinces resolved to the
 * territory tree's provinces); then the end-customer summary is summed from the lines, as after an import.
 */
function insertChannelHistory(ws: Workspace, rng: Rng, reporting: DemoPartner[], sellIn: SellInByMonth, cal: DemoCalendar, ctx: OpContext): DemoResult['channel'] {
  const productIds = demoStore.addProducts(
    ws,
    demoProducts().map((p) => ({ ...p, validFrom: cal.firstSale })),
  );
  const data = generateChannelHistory(rng, reporting, sellIn, cal);
  ctx.progress('sellThrough', 0, data.lines.length + data.stock.length);
  const provinces = new Map(lookupStore.provinces(ws).map((p) => [p.nameZh, p.id]));
  // As with the sales lines: the table's secondary indexes are built once after the lines are in.
  const indexes = dropSecondaryIndexes(ws.sqlite, 'sell_through_lines');
  const writeLine = demoStore.sellThroughWriter(ws);
  for (const l of data.lines) {
    const { productCode, ...line } = l;
    writeLine({ ...line, productId: productIds.get(productCode)!, customerTerritoryId: provinces.get(l.customerProvince) ?? null });
  }
  indexes.restore();
  const writeStock = demoStore.stockWriter(ws);
  for (const { productCode, ...row } of data.stock) writeStock({ ...row, productId: productIds.get(productCode)! });
  // The summaries an import keeps: end customers by month, and partner × month quantities (the stuffing signal reads them).
  customerMonthStore.rebuildAll(ws);
  partnerMonthStore.rebuildAll(ws);
  ctx.progress('sellThrough', data.lines.length + data.stock.length, data.lines.length + data.stock.length);
  return { partners: data.reporting, sellThroughLines: data.lines.length, stockRows: data.stock.length, roles: data.roles };
}

/**
 * Quarterly revenue targets for every full quarter a partner sold in, and for the quarter under way (scaled up from
 * its months so far), set so that attainment spreads around 60–130 %:
 * each partner has its own tendency (some beat their targets, some never reach them) plus quarter-to-quarter noise.
 * Targets are round numbers (whole thousands of yuan), as people set them.
 */
function insertTargets(ws: Workspace, rng: Rng, partners: DemoPartner[], quarterRevenue: QuarterRevenue, cal: DemoCalendar, ctx: OpContext) {
  ctx.progress('targets', 0, partners.length);
  const write = demoStore.targetWriter(ws);
  // Months of sales in each quarter: a quarter cut at the start of the history gets no target, the one under way a full-quarter one.
  const monthsIn = new Map<string, number>();
  for (const m of cal.months) monthsIn.set(quarterKey(m.year, m.month), (monthsIn.get(quarterKey(m.year, m.month)) ?? 0) + 1);
  const first = cal.months[0];
  const cutAtStart = first.month % 3 !== 1 ? quarterKey(first.year, first.month) : null;
  partners.forEach((p, i) => {
    const revenue = quarterRevenue.get(p);
    for (const [period, months] of monthsIn) {
      if (period === cutAtStart) continue;
      const actual = ((revenue?.get(period) ?? 0) * 3) / months;
      if (actual <= 0) continue;
      const attainment = Math.min(1.38, Math.max(0.55, p.model.attainmentBias + rng.normal(0, 0.1)));
      const target = Math.max(100_000, Math.round(actual / attainment / 100_000) * 100_000);
      write({ partnerId: p.id, period, value: target });
    }
    ctx.progress('targets', i + 1, partners.length);
  });
}

function insertCourses(ws: Workspace, at: string): Map<string, number> {
  const ids = new Map<string, number>();
  for (const c of COURSES) {
    // A course catalogue set up before loading the demo is kept; the demo's records then refer to it.
    const id =
      courseStore.byCode(ws, c.code)?.id ??
      courseStore.insert(ws, {
        code: c.code,
        titleZh: c.titleZh,
        titleEn: c.titleEn,
        category: c.category,
        validityMonths: c.validityMonths,
        requiredTiers: [...c.requiredTiers],
        requiredChannelTypes: [...c.requiredChannelTypes],
        passingScore: c.passingScore,
      }, at);
    ids.set(c.code, id);
  }
  return ids;
}

function insertRisks(ws: Workspace, rng: Rng, partners: DemoPartner[], cal: DemoCalendar, ctx: OpContext) {
  const risks = buildRisks(rng, partners, cal);
  ctx.progress('risks', 0, risks.length);
  const insertRisk = demoStore.riskWriter(ws);
  const insertHistory = demoStore.riskHistoryWriter(ws);
  // Risks entered before the demo was loaded keep their codes; the demo's follow on (R-0001, R-0002 … as the register numbers them).
  const highest = riskStore.highestGeneratedCodeNumber(ws);
  risks.forEach((r, i) => {
    const code = `R-${String((highest ?? 0) + i + 1).padStart(4, '0')}`;
    // The register's history starts when the risk was raised, so "as of" views of the past year show it.
    const raisedAt = `${r.raisedOn}T09:00:00.000Z`;
    const lastChange = r.closedAt ? `${r.closedAt}T09:00:00.000Z` : raisedAt;
    const status = r.closedAt ? 'open' : r.status;
    const id = insertRisk({
      code, title: r.title, description: r.description, category: r.category, partnerId: r.partnerId, likelihood: r.likelihood, impact: r.impact,
      residualLikelihood: r.residualLikelihood, residualImpact: r.residualImpact, owner: r.owner, treatment: r.treatment, status: r.status,
      nextReviewOn: r.nextReviewOn, closedAt: r.closedAt, createdAt: raisedAt, updatedAt: lastChange,
    });
    for (const a of r.actions) riskStore.insertAction(ws, id, { description: a.description, owner: a.owner, dueOn: a.dueOn, doneOn: a.doneOn }, raisedAt);
    // History rows as the risk register writes them: what changed, and the full row (without timestamps) after the change.
    const snapshot = {
      id, code, title: r.title, description: r.description, category: r.category, partnerId: r.partnerId,
      likelihood: r.likelihood, impact: r.impact, residualLikelihood: r.residualLikelihood, residualImpact: r.residualImpact,
      owner: r.owner, treatment: r.treatment, status, nextReviewOn: r.nextReviewOn, source: 'manual', ruleCode: null,
      reviewRequested: false, closedAt: null as string | null,
    };
    insertHistory({ riskId: id, changedAt: raisedAt, changedBy: ctx.user, changes: { created: true }, snapshot });
    if (r.closedAt) {
      const changes = { status: { from: 'open', to: 'closed' }, closedAt: { from: null, to: r.closedAt } };
      insertHistory({ riskId: id, changedAt: lastChange, changedBy: ctx.user, changes, snapshot: { ...snapshot, status: 'closed', closedAt: r.closedAt } });
    }
    ctx.progress('risks', i + 1, risks.length);
  });
}

function insertProgramsAndSchedules(ws: Workspace, programYear: number) {
  demoStore.addPrograms(ws, demoPrograms(programYear));
  // A workspace may already have schedules (someone set them up before loading the demo): keep those.
  if (systemStore.rowCount(ws.sqlite, 'evaluation_schedules') > 0) return;
  demoStore.addSchedules(ws, SCHEDULES.map((s) => ({ name: s.name, cycle: s.cycle, tiers: [...s.tiers] })));
}

/** For tests and the README: the demo's dates for a given as-of day. */
export function demoDates(asOf: string) {
  const cal = demoCalendar(asOf);
  return { asOf, lastSale: cal.lastSale, firstSale: cal.firstSale, expiringUntil: addDays(asOf, 90), fullQuarters: fullQuarters(cal) };
}
