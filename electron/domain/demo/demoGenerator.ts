import type Database from 'better-sqlite3';
import { DomainError } from '../../../shared/errors';
import type { OpContext } from '../opContext';
import { writeDemoCompanyProfile } from './demoCompany';
import { dropSecondaryIndexes } from '../imports/bulkIndexes';
import { addDays, demoCalendar, fullQuarters, quarterKey, type DemoCalendar } from './calendar';
import { demoPrograms, SCHEDULES } from './demoPrograms';
import { evaluateDemo, type DemoEvaluation } from './demoEvaluations';
import { insertDeals } from './demoDeals';
import { buildRisks } from './demoRisks';
import { buildFeedback } from './feedbackHistory';
import { buildPartners, type DemoPartner } from './partnerFactory';
import { Rng } from './prng';
import { generatePartnerSales, type DemoSalesLine } from './salesHistory';
import { buildTrainingRecords, COURSES } from './trainingHistory';

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
  const { sqlite } = ctx.ws;
  const root = new Rng(seed);
  const rngs = { partners: root.fork(1), sales: root.fork(2), targets: root.fork(3), training: root.fork(4), feedback: root.fork(5), risks: root.fork(6) };

  // Let in-process callers attach their progress and cancel listeners before the work starts.
  await breathe();
  ctx.throwIfCancelled();

  // The transaction spans awaits (to stay cancellable in-process), so it is opened by hand rather than with sqlite.transaction().
  sqlite.exec('BEGIN IMMEDIATE');
  try {
    const nonEmpty = sqlite.prepare('select (select count(*) from partners) + (select count(*) from sales_lines) as n').get() as { n: number };
    if (nonEmpty.n > 0) throw new DomainError('The demo dataset can only be loaded into an empty workspace', 'CONFLICT');

    // The issuing company (statements are refused without it); a profile someone already entered is kept.
    writeDemoCompanyProfile(sqlite);

    // Partners
    const partners = buildPartners(rngs.partners, demoPartnerCount(scale), cal);
    insertPartners(sqlite, partners, ctx);
    ctx.throwIfCancelled();
    await breathe();

    // Sales, into a table without its secondary indexes: building them once afterwards is cheaper than keeping them up
    // to date line by line (the time this saves pays for the evaluations below).
    const cacheSize = sqlite.pragma('cache_size', { simple: true }) as number;
    const salesIndexes = dropSecondaryIndexes(sqlite, 'sales_lines');
    const { lines: salesLines, revenue } = await insertSales(sqlite, rngs.sales, partners, cal, ctx);
    ctx.progress('index', 0, salesIndexes.count);
    salesIndexes.restore();
    sqlite.pragma(`cache_size = ${cacheSize}`);
    ctx.throwIfCancelled();

    // Targets
    insertTargets(sqlite, rngs.targets, partners, revenue, cal, ctx);
    ctx.throwIfCancelled();
    await breathe();

    // Training
    ctx.progress('training', 0, COURSES.length);
    const courseIds = insertCourses(sqlite);
    const records = buildTrainingRecords(rngs.training, partners, cal, { next: 1 });
    const insertRecord = sqlite.prepare(
      `insert into training_records (partner_id, course_id, trainee, completed_on, score, passed, certificate_no, expires_on)
       values (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const r of records) insertRecord.run(r.partnerId, courseIds.get(r.courseCode)!, r.trainee, r.completedOn, r.score, r.passed ? 1 : 0, r.certificateNo, r.expiresOn);
    ctx.progress('training', COURSES.length, COURSES.length);
    ctx.throwIfCancelled();
    await breathe();

    // Feedback
    const feedback = buildFeedback(rngs.feedback, partners, cal);
    ctx.progress('feedback', 0, feedback.length);
    const insertFeedback = sqlite.prepare('insert into feedback (partner_id, date, score, comment, dedupe_key) values (?, ?, ?, ?, ?)');
    for (const f of feedback) insertFeedback.run(f.partnerId, f.date, f.score, f.comment, f.dedupeKey);
    ctx.progress('feedback', feedback.length, feedback.length);
    ctx.throwIfCancelled();
    await breathe();

    // Risks, incentive programs, evaluation schedules
    insertRisks(sqlite, rngs.risks, partners, cal, ctx);
    const programYear = Number(fullQuarters(cal).at(-1)!.slice(0, 4));
    insertProgramsAndSchedules(sqlite, programYear);
    const deals = insertDeals(ctx.ws, root.fork(7), partners, cal, ctx.user);
    ctx.throwIfCancelled();
    await breathe();

    // Evaluated and paid out as a business would be on the as-of day, so the dashboard has charts at once.
    const evaluation: DemoEvaluation = await evaluateDemo(ctx, cal, programYear, breathe);

    const result = { partners: partners.length, salesLines, asOf: cal.asOf, evaluated: evaluation.periods, payoutRuns: evaluation.payoutRuns };
    ctx.audit({
      entity: 'workspace',
      after: { seed, scale, ...result, deals, targets: countRows(sqlite, 'targets'), trainingRecords: records.length, feedback: feedback.length },
    });
    sqlite.exec('COMMIT');
    return result;
  } catch (e) {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    throw e;
  }
}

const countRows = (sqlite: Database.Database, table: string) => (sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;

/** Demo partners go to the seeded top-level territory of their region; their owners become channel managers with history. */
function insertPartners(sqlite: Database.Database, partners: DemoPartner[], ctx: OpContext) {
  ctx.progress('partners', 0, partners.length);
  const territoryOf = sqlite.prepare("select id from territories where name_zh = ? and kind = 'territory'").pluck();
  const managers = new Map<string, number>();
  const managerOf = (name: string, region: string): number => {
    let id = managers.get(name) ?? (sqlite.prepare('select id from channel_managers where name = ?').pluck().get(name) as number | undefined);
    if (id === undefined) {
      const email = `${name}@example.com`;
      id = Number(sqlite.prepare('insert into channel_managers (name, email, territory_id) values (?, ?, ?)').run(name, email, territoryOf.get(region) ?? null).lastInsertRowid);
    }
    managers.set(name, id);
    return id;
  };
  const stmt = sqlite.prepare(
    `insert into partners (code, name, name_en, channel_type, tier, territory_id, province, city, status, channel_manager_id, contact_name, phone, email,
       address, credit_code, bank_name, bank_account, joined_on, currency)
     values (@code, @name, @nameEn, @channelType, @tier, @territoryId, @province, @city, @status, @channelManagerId, @contactName, @phone, @email,
       @address, @creditCode, @bankName, @bankAccount, @joinedOn, 'CNY')`,
  );
  const history = sqlite.prepare(
    "insert into partner_manager_history (partner_id, from_manager_id, to_manager_id, changed_on, reason, changed_by) values (?, null, ?, ?, 'onboarding', ?)",
  );
  partners.forEach((p, i) => {
    const { region, owner, ...row } = p.row;
    const channelManagerId = managerOf(owner, region);
    p.id = Number(stmt.run({ ...row, territoryId: territoryOf.get(region) ?? null, channelManagerId }).lastInsertRowid);
    history.run(p.id, channelManagerId, p.row.joinedOn ?? '2024-01-01', ctx.user);
    if (i % 50 === 0) ctx.progress('partners', i, partners.length);
  });
  ctx.progress('partners', partners.length, partners.length);
}

/** Net revenue per partner and quarter ('2025-Q1' → fen), kept from the sales phase for target setting. */
type QuarterRevenue = Map<DemoPartner, Map<string, number>>;

async function insertSales(sqlite: Database.Database, rng: Rng, partners: DemoPartner[], cal: DemoCalendar, ctx: OpContext): Promise<{ lines: number; revenue: QuarterRevenue }> {
  const stmt = sqlite.prepare(
    `insert into sales_lines (partner_id, date, order_ref, line_ref, product, category, quantity, amount_minor, cost_minor, customer_ref, currency, dedupe_key)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'CNY', ?)`,
  );
  const emit = (l: DemoSalesLine) =>
    stmt.run(l.partnerId, l.date, l.orderRef, l.lineRef, l.product, l.category, l.quantity, l.amountMinor, l.costMinor, l.customerRef, `ref:${l.lineRef}`);
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
 * Quarterly revenue targets for every full quarter a partner sold in, and for the quarter under way (scaled up from
 * its months so far), set so that attainment spreads around 60–130 %:
 * each partner has its own tendency (some beat their targets, some never reach them) plus quarter-to-quarter noise.
 * Targets are round numbers (whole thousands of yuan), as people set them.
 */
function insertTargets(sqlite: Database.Database, rng: Rng, partners: DemoPartner[], quarterRevenue: QuarterRevenue, cal: DemoCalendar, ctx: OpContext) {
  ctx.progress('targets', 0, partners.length);
  const stmt = sqlite.prepare("insert into targets (partner_id, period, metric, value) values (?, ?, 'revenue', ?)");
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
      stmt.run(p.id, period, target);
    }
    ctx.progress('targets', i + 1, partners.length);
  });
}

function insertCourses(sqlite: Database.Database): Map<string, number> {
  const stmt = sqlite.prepare(
    `insert into training_courses (code, title_zh, title_en, category, validity_months, required_tiers, required_channel_types, passing_score)
     values (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const existing = sqlite.prepare('select id from training_courses where code = ?').pluck();
  const ids = new Map<string, number>();
  for (const c of COURSES) {
    // A course catalogue set up before loading the demo is kept; the demo's records then refer to it.
    const id = existing.get(c.code) as number | undefined;
    if (id !== undefined) ids.set(c.code, id);
    else {
      const r = stmt.run(c.code, c.titleZh, c.titleEn, c.category, c.validityMonths, JSON.stringify(c.requiredTiers), JSON.stringify(c.requiredChannelTypes), c.passingScore);
      ids.set(c.code, Number(r.lastInsertRowid));
    }
  }
  return ids;
}

function insertRisks(sqlite: Database.Database, rng: Rng, partners: DemoPartner[], cal: DemoCalendar, ctx: OpContext) {
  const risks = buildRisks(rng, partners, cal);
  ctx.progress('risks', 0, risks.length);
  const insertRisk = sqlite.prepare(
    `insert into risks (code, title, description, category, partner_id, likelihood, impact, residual_likelihood, residual_impact, owner,
       treatment, status, next_review_on, source, closed_at, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'manual', ?, ?, ?)`,
  );
  const insertAction = sqlite.prepare('insert into risk_actions (risk_id, description, owner, due_on, done_on) values (?, ?, ?, ?, ?)');
  const insertHistory = sqlite.prepare('insert into risk_history (risk_id, changed_at, changed_by, changes, snapshot) values (?, ?, ?, ?, ?)');
  // Risks entered before the demo was loaded keep their codes; the demo's follow on (R-0001, R-0002 … as the register numbers them).
  const highest = sqlite
    .prepare("select max(cast(substr(code, 3) as integer)) from risks where code glob 'R-[0-9]*' and substr(code, 3) not glob '*[^0-9]*'")
    .pluck()
    .get() as number | null;
  risks.forEach((r, i) => {
    const code = `R-${String((highest ?? 0) + i + 1).padStart(4, '0')}`;
    // The register's history starts when the risk was raised, so "as of" views of the past year show it.
    const raisedAt = `${r.raisedOn}T09:00:00.000Z`;
    const lastChange = r.closedAt ? `${r.closedAt}T09:00:00.000Z` : raisedAt;
    const status = r.closedAt ? 'open' : r.status;
    const id = Number(
      insertRisk.run(code, r.title, r.description, r.category, r.partnerId, r.likelihood, r.impact, r.residualLikelihood, r.residualImpact, r.owner,
        r.treatment, r.status, r.nextReviewOn, r.closedAt, raisedAt, lastChange).lastInsertRowid,
    );
    for (const a of r.actions) insertAction.run(id, a.description, a.owner, a.dueOn, a.doneOn);
    // History rows as the risk register writes them: what changed, and the full row (without timestamps) after the change.
    const snapshot = {
      id, code, title: r.title, description: r.description, category: r.category, partnerId: r.partnerId,
      likelihood: r.likelihood, impact: r.impact, residualLikelihood: r.residualLikelihood, residualImpact: r.residualImpact,
      owner: r.owner, treatment: r.treatment, status, nextReviewOn: r.nextReviewOn, source: 'manual', ruleCode: null,
      reviewRequested: false, closedAt: null as string | null,
    };
    insertHistory.run(id, raisedAt, ctx.user, JSON.stringify({ created: true }), JSON.stringify(snapshot));
    if (r.closedAt) {
      const changes = { status: { from: 'open', to: 'closed' }, closedAt: { from: null, to: r.closedAt } };
      insertHistory.run(id, lastChange, ctx.user, JSON.stringify(changes), JSON.stringify({ ...snapshot, status: 'closed', closedAt: r.closedAt }));
    }
    ctx.progress('risks', i + 1, risks.length);
  });
}

function insertProgramsAndSchedules(sqlite: Database.Database, programYear: number) {
  const program = sqlite.prepare(
    'insert into incentive_programs (code, name, type, period_kind, currency, valid_from, valid_to, definition, active) values (?, ?, ?, ?, ?, ?, ?, ?, 1) on conflict (code) do nothing',
  );
  for (const p of demoPrograms(programYear)) program.run(p.code, p.name, p.type, p.periodKind, p.currency, p.validFrom, p.validTo, JSON.stringify(p.definition));
  // A workspace may already have schedules (someone set them up before loading the demo): keep those.
  if (countRows(sqlite, 'evaluation_schedules') > 0) return;
  const schedule = sqlite.prepare("insert into evaluation_schedules (name, cycle, tiers, channel_types, regions, lag_days, enabled) values (?, ?, ?, '[]', '[]', 5, 1)");
  for (const s of SCHEDULES) schedule.run(s.name, s.cycle, JSON.stringify(s.tiers));
}

/** For tests and the README: the demo's dates for a given as-of day. */
export function demoDates(asOf: string) {
  const cal = demoCalendar(asOf);
  return { asOf, lastSale: cal.lastSale, firstSale: cal.firstSale, expiringUntil: addDays(asOf, 90), fullQuarters: fullQuarters(cal) };
}
