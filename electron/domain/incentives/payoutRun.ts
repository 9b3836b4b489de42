import { createHash } from 'node:crypto';
import type { Workspace } from '../../../db/database';
import type { PayoutLineKind, PayoutRunStatus } from '../../../shared/enums';
import { workspaceClock } from '../system/workspaceClock';
import { DomainError } from '../../../shared/errors';
import { parsePopulation, type Population } from '../../../shared/population';
import type { OpContext } from '../opContext';
import { parsePeriod } from '../../../shared/period';
import type { CalcLine } from './calcTypes';
import { calculateProgram, fiscalStartMonth } from './calculate';
import { loadPartners, type PartnerFacts } from './eligibility';
import { renderExplanation, type Explain } from './explanation';
import { getProgram } from './programRepo';
import { approvalColumns } from './approvalSeal';
import { parseProgramFile, type ProgramFile } from '../../model/programs';
import { PayoutLineView, PayoutRunDetail, PayoutRunRow } from '../../model/incentives';
import { pendingRebateSettlements } from '../mdf/rebateSettlement';
import { recordTargetUse } from '../plans/targetUse';

const RUN_SELECT = `select r.id, r.program_id as programId, p.code as programCode, p.name as programName, p.type as programType, r.period, r.version, r.status,
  r.currency, r.total_minor as totalMinor, r.inputs_fingerprint as inputsFingerprint, r.calculated_at as calculatedAt, r.approved_at as approvedAt,
  r.approved_by as approvedBy, r.paid_at as paidAt, r.payment_ref as paymentRef, r.voided_at as voidedAt, r.void_reason as voidReason,
  (select count(*) from payout_lines l where l.run_id = r.id) as lineCount,
  (select count(distinct partner_id) from payout_lines l where l.run_id = r.id) as partnerCount,
  (select count(*) from payout_inquiries q join payout_lines l on l.id = q.line_id where l.run_id = r.id and q.status = 'open') as openInquiries
  from payout_runs r join incentive_programs p on p.id = r.program_id`;

export function listRuns(ws: Workspace, filter: { programId?: number; status?: PayoutRunStatus; period?: string; channelManagerIds?: number[] } = {}): PayoutRunRow[] {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, v: unknown) => {
    where.push(sql);
    params.push(v);
  };
  if (filter.programId) add('r.program_id = ?', filter.programId);
  if (filter.status) add('r.status = ?', filter.status);
  if (filter.period) add('r.period = ?', filter.period);
  // "Mine": runs paying at least one partner these channel managers own now.
  if (filter.channelManagerIds) add(`exists (select 1 from payout_lines ml join partners mp on mp.id = ml.partner_id where ml.run_id = r.id and ${MINE_SQL})`, JSON.stringify(filter.channelManagerIds));
  return ws.sqlite.prepare(`${RUN_SELECT}${where.length ? ` where ${where.join(' and ')}` : ''} order by r.id desc`).all(...params) as PayoutRunRow[];
}

export function getRunRow(ws: Workspace, runId: number): PayoutRunRow {
  const r = ws.sqlite.prepare(`${RUN_SELECT} where r.id = ?`).get(runId) as PayoutRunRow | undefined;
  if (!r) throw new DomainError(`No payout run ${runId}`, 'NOT_FOUND');
  return r;
}

const MINE_SQL = 'mp.channel_manager_id in (select value from json_each(?))';

/** A run's lines; with `channelManagerIds` ("Mine") only those of partners the managers own now. */
export function runLines(ws: Workspace, runId: number, channelManagerIds?: number[]): PayoutLineView[] {
  const rows = ws.sqlite
    .prepare(
      `select l.id, l.run_id as runId, l.partner_id as partnerId, pa.code as partnerCode, pa.name as partnerName, pa.name_en as partnerNameEn,
        pa.channel_type as channelType, (select t.name_zh from territories t where t.id = pa.territory_id) as region, l.kind, l.basis_minor as basisMinor, l.attainment, l.tier_reached as tierReached, l.rate,
        l.amount_minor as amountMinor, l.explanation, l.details, l.reason, l.relates_to_line_id as relatesToLineId,
        (select count(*) from payout_inquiries q where q.line_id = l.id) as inquiries
       from payout_lines l join partners pa on pa.id = l.partner_id where l.run_id = ?${channelManagerIds ? ` and ${MINE_SQL.replace('mp.', 'pa.')}` : ''} order by pa.code, l.id`,
    )
    .all(...(channelManagerIds ? [runId, JSON.stringify(channelManagerIds)] : [runId])) as Array<PayoutLineView & { details: string | null }>;
  return rows.map(({ details, ...l }) => {
    const explain = details ? (JSON.parse(details) as { explain?: Explain }).explain : undefined;
    return { ...l, explanationEn: explain ? renderExplanation(explain, 'en') : l.explanation };
  });
}

/** A run with its lines; `channelManagerIds` ("Mine") keeps the lines of those managers' partners (the run's totals stay the run's). */
export function getRun(ws: Workspace, runId: number, channelManagerIds?: number[]): PayoutRunDetail {
  const row = getRunRow(ws, runId);
  const snap = ws.sqlite.prepare('select program_snapshot as s, population as p from payout_runs where id = ?').get(runId) as { s: string; p: string | null };
  return { ...row, program: JSON.parse(snap.s) as ProgramFile, population: parsePopulation(snap.p), lines: runLines(ws, runId, channelManagerIds) };
}

/** What "the inputs" of a run are: its program document and every calculated basis and amount. */
export function fingerprint(program: ProgramFile, lines: Array<Pick<CalcLine, 'partnerId' | 'basisMinor' | 'amountMinor'>>): string {
  const h = createHash('sha256');
  h.update(JSON.stringify(program));
  for (const l of [...lines].sort((a, b) => a.partnerId - b.partnerId)) h.update(`|${l.partnerId}:${l.basisMinor}:${l.amountMinor}`);
  return h.digest('hex');
}

interface NewLine {
  partnerId: number;
  kind: PayoutLineKind;
  basisMinor: number;
  attainment: number | null;
  tierReached: number | null;
  rate: number | null;
  amountMinor: number;
  explain: Explain;
  reason: string | null;
  relatesToLineId: number | null;
  extra?: Record<string, unknown>;
}

const LINE_BATCH = 64;
const lineInsert = (n: number) =>
  `insert into payout_lines (run_id, partner_id, kind, basis_minor, attainment, tier_reached, rate, amount_minor, explanation, reason, relates_to_line_id, details)
   values ${Array.from({ length: n }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`;

/** Writes the lines in order, LINE_BATCH rows per statement; returns their zh-CN explanations (as stored). */
function insertLines(ws: Workspace, runId: number, lines: NewLine[]): string[] {
  let batch: ReturnType<typeof ws.sqlite.prepare> | null = null;
  const texts: string[] = [];
  for (let from = 0; from < lines.length; from += LINE_BATCH) {
    const chunk = lines.slice(from, from + LINE_BATCH);
    const params: unknown[] = [];
    for (const l of chunk) {
      const text = renderExplanation(l.explain, 'zh-CN');
      texts.push(text);
      params.push(runId, l.partnerId, l.kind, l.basisMinor, l.attainment, l.tierReached, l.rate, l.amountMinor, text, l.reason, l.relatesToLineId, JSON.stringify({ explain: l.explain, ...l.extra }));
    }
    const stmt = chunk.length === LINE_BATCH ? (batch ??= ws.sqlite.prepare(lineInsert(LINE_BATCH))) : ws.sqlite.prepare(lineInsert(chunk.length));
    stmt.run(params);
  }
  return texts;
}

/**
 * The detail of a run just written, from the lines in memory instead of reading them back (what getRun returns, without
 * parsing 10k details documents again); the order (partner code, id) still comes from SQL. New lines have no inquiries.
 */
function writtenRun(ws: Workspace, runId: number, program: ProgramFile, lines: NewLine[], texts: string[], partners: Map<number, PartnerFacts>, population: Population): PayoutRunDetail {
  const ids = ws.sqlite.prepare('select id from payout_lines where run_id = ? order by id').pluck().all(runId) as number[];
  if (ids.length !== lines.length || lines.some((l) => !partners.has(l.partnerId))) return getRun(ws, runId);
  const byId = new Map<number, PayoutLineView>();
  lines.forEach((l, i) => {
    const p = partners.get(l.partnerId)!;
    byId.set(ids[i], {
      id: ids[i],
      runId,
      partnerId: l.partnerId,
      partnerCode: p.code,
      partnerName: p.name,
      partnerNameEn: p.nameEn,
      channelType: p.channelType,
      region: p.region,
      kind: l.kind,
      basisMinor: l.basisMinor,
      attainment: l.attainment,
      tierReached: l.tierReached,
      rate: l.rate,
      amountMinor: l.amountMinor,
      explanation: texts[i],
      explanationEn: renderExplanation(l.explain, 'en'),
      reason: l.reason,
      relatesToLineId: l.relatesToLineId,
      inquiries: 0,
    });
  });
  const order = ws.sqlite.prepare('select l.id from payout_lines l join partners pa on pa.id = l.partner_id where l.run_id = ? order by pa.code, l.id').pluck().all(runId) as number[];
  return { ...getRunRow(ws, runId), program, population, lines: order.map((id) => byId.get(id)!) };
}

const sumLines = (ws: Workspace, runId: number) => (ws.sqlite.prepare('select coalesce(sum(amount_minor), 0) as t from payout_lines where run_id = ?').get(runId) as { t: number }).t;

const periodStart = (label: string, fsm: number) => parsePeriod(label, fsm).start;

/**
 * Clawbacks for earlier PAID periods of this program: each paid run is recalculated with its frozen program snapshot on
 * today's sales. Where a partner's basis is now lower and so is the amount, the difference to what was paid (net of
 * clawbacks already taken in other non-void runs) becomes an explicit negative 'clawback' line referencing the paid line.
 * History is never rewritten; increases are not topped up automatically (use an adjustment).
 */
export function computeClawbacks(ws: Workspace, programId: number, periodLabel: string, partners: Map<number, PartnerFacts>): NewLine[] {
  const fsm = fiscalStartMonth(ws);
  const start = periodStart(periodLabel, fsm);
  const paid = (ws.sqlite.prepare(`select id, period, program_snapshot as snap, payment_ref as ref from payout_runs where program_id = ? and status = 'paid' order by id`).all(programId) as Array<{ id: number; period: string; snap: string; ref: string | null }>).filter(
    (r) => periodStart(r.period, fsm) < start,
  );
  const out: NewLine[] = [];
  const clawed = ws.sqlite.prepare(
    `select coalesce(sum(l.amount_minor), 0) as s from payout_lines l join payout_runs r on r.id = l.run_id
     where l.relates_to_line_id = ? and l.kind = 'clawback' and r.status != 'void' and not (r.program_id = ? and r.period = ? and r.status = 'draft')`,
  );
  for (const run of paid) {
    const program = parseProgramFile(JSON.parse(run.snap));
    const recalc = new Map(calculateProgram(ws, program, run.period, partners).lines.map((l) => [l.partnerId, l]));
    const lines = ws.sqlite.prepare(`select id, partner_id as partnerId, basis_minor as basisMinor, amount_minor as amountMinor from payout_lines where run_id = ? and kind = 'calculated' and amount_minor > 0`).all(run.id) as Array<{ id: number; partnerId: number; basisMinor: number; amountMinor: number }>;
    for (const line of lines) {
      const now = recalc.get(line.partnerId);
      if (!now || now.basisMinor >= line.basisMinor) continue;
      const already = (clawed.get(line.id, programId, periodLabel) as { s: number }).s;
      const net = line.amountMinor + already;
      if (now.amountMinor >= net) continue;
      const amountMinor = now.amountMinor - net;
      out.push({
        partnerId: line.partnerId,
        kind: 'clawback',
        basisMinor: now.basisMinor - line.basisMinor,
        attainment: null,
        tierReached: null,
        rate: null,
        amountMinor,
        reason: `clawback ${run.period}`,
        relatesToLineId: line.id,
        explain: {
          key: 'clawback',
          params: { period: run.period, paidRunId: run.id, paymentRef: run.ref, currency: program.currency, paidBasisMinor: line.basisMinor, newBasisMinor: now.basisMinor, paidAmountMinor: line.amountMinor, newAmountMinor: now.amountMinor, alreadyClawedMinor: -already },
        },
        extra: { paidRunId: run.id },
      });
    }
  }
  return out;
}

/** Refuses a change to a run that is no longer a draft: rolled back and audited as refused. */
function frozen(run: { id: number; status: string }, what: string): DomainError {
  return new DomainError(`Payout run ${run.id} is ${run.status}: ${what} is not allowed (approved runs, their inputs and lines are frozen)`, 'FORBIDDEN', { runId: run.id, status: run.status });
}

/**
 * Calculates program × period into a new draft run. An existing draft of the same program and period is superseded
 * (status void, reason 'superseded by version N'; its manual adjustments are carried over); an approved or paid run
 * refuses a recalculation (FORBIDDEN, audited as refused).
 */
export function calculateRun(ctx: OpContext, input: { programId?: number; programCode?: string; period: string }): PayoutRunDetail {
  const { ws } = ctx;
  const programRow = getProgram(ws, { id: input.programId, code: input.programCode });
  const program = parseProgramFile(programRow.definition);
  const existing = ws.sqlite.prepare(`select id, status, version from payout_runs where program_id = ? and period = ? order by version desc`).all(programRow.id, input.period) as Array<{ id: number; status: string; version: number }>;
  const locked = existing.find((r) => r.status === 'approved' || r.status === 'paid');
  // The job runner audits the refusal (outcome 'refused').
  if (locked) throw frozen(locked, 'recalculation');
  ctx.progress('calculate', 0, null);
  const partners = loadPartners(ws);
  const calc = calculateProgram(ws, program, input.period, partners);
  ctx.throwIfCancelled();
  ctx.progress('clawbacks', 0, null);
  const clawbacks = computeClawbacks(ws, programRow.id, calc.period.label, partners);
  ctx.throwIfCancelled();
  const fp = fingerprint(program, calc.lines);
  const version = (existing[0]?.version ?? 0) + 1;
  const prevDraft = existing.find((r) => r.status === 'draft');
  const written = ws.sqlite.transaction(() => {
    const now = new Date().toISOString();
    const res = ws.sqlite
      .prepare(`insert into payout_runs (program_id, period, version, status, currency, total_minor, program_snapshot, inputs_fingerprint, population, calculated_at) values (?, ?, ?, 'draft', ?, 0, ?, ?, ?, ?)`)
      .run(programRow.id, calc.period.label, version, program.currency, JSON.stringify(program), fp, JSON.stringify(calc.population), now);
    const id = Number(res.lastInsertRowid);
    const lines: NewLine[] = calc.lines.map((l) => ({ ...l, kind: 'calculated', reason: null, relatesToLineId: null }));
    if (prevDraft) {
      // MDF settlements are not carried: they are picked afresh below (a claim voided meanwhile must not come back).
      const adj = ws.sqlite.prepare(`select partner_id as partnerId, amount_minor as amountMinor, reason, details from payout_lines where run_id = ? and kind = 'adjustment' and json_extract(details, '$.mdfClaimId') is null`).all(prevDraft.id) as Array<{ partnerId: number; amountMinor: number; reason: string; details: string }>;
      for (const a of adj) lines.push({ partnerId: a.partnerId, kind: 'adjustment', basisMinor: 0, attainment: null, tierReached: null, rate: null, amountMinor: a.amountMinor, reason: a.reason, relatesToLineId: null, explain: (JSON.parse(a.details) as { explain: Explain }).explain });
      ws.sqlite.prepare(`update payout_runs set status = 'void', voided_at = ?, void_reason = ? where id = ?`).run(now, `superseded by version ${version}`, prevDraft.id);
      ctx.audit({ operation: 'payouts.calculate', entity: 'payout_run', entityId: prevDraft.id, before: { status: 'draft' }, after: { status: 'void', voidReason: `superseded by version ${version}` } });
    }
    lines.push(...clawbacks);
    // Reimbursements of MDF claims settled with the partner's next rebate (抵扣返利): one line each, on the first run
    // calculated afterwards in which the partner earns something.
    const earning = new Set(calc.lines.filter((l) => l.amountMinor > 0).map((l) => l.partnerId));
    for (const m of pendingRebateSettlements(ws, program.currency, earning)) {
      lines.push({
        partnerId: m.partnerId,
        kind: 'adjustment',
        basisMinor: 0,
        attainment: null,
        tierReached: null,
        rate: null,
        amountMinor: m.amountMinor,
        reason: `MDF claim #${m.claimId}`,
        relatesToLineId: null,
        explain: { key: 'mdf', params: { claimId: m.claimId, requestId: m.requestId, fundCode: m.fundCode, activityType: m.activityType, title: m.title, currency: program.currency, amountMinor: m.amountMinor } },
        extra: { mdfClaimId: m.claimId },
      });
    }
    ctx.progress('write', 0, lines.length);
    const texts = insertLines(ws, id, lines);
    if (program.type === 'target_bonus') {
      recordTargetUse(ws, { kind: 'payout', runId: id, period: calc.period, metric: program.targetMetric, partnerIds: calc.lines.map((l) => l.partnerId) }, fiscalStartMonth(ws));
    }
    const total = sumLines(ws, id);
    ws.sqlite.prepare('update payout_runs set total_minor = ? where id = ?').run(total, id);
    // Recorded as a calculation also when the demo calculates.
    ctx.audit({
      operation: 'payouts.calculate',
      entity: 'payout_run',
      entityId: id,
      after: { programCode: program.code, period: calc.period.label, version, totalMinor: total, lines: lines.length, clawbacks: clawbacks.length, excluded: calc.population.considered - calc.population.included },
    });
    return { id, lines, texts };
  }).immediate();
  ctx.progress('write', 1, 1);
  return writtenRun(ws, written.id, JSON.parse(JSON.stringify(program)) as ProgramFile, written.lines, written.texts, partners, calc.population);
}

function runState(ws: Workspace, runId: number) {
  const r = ws.sqlite.prepare('select id, status, program_id as programId, period, program_snapshot as snap, inputs_fingerprint as fp from payout_runs where id = ?').get(runId) as
    | { id: number; status: PayoutRunStatus; programId: number; period: string; snap: string; fp: string }
    | undefined;
  if (!r) throw new DomainError(`No payout run ${runId}`, 'NOT_FOUND');
  return r;
}

/**
 * draft → approved. The inputs must still be those calculated (else CONFLICT: recalculate first). Approval freezes the
 * payees as statements print them and seals the run (approvalSeal.ts).
 */
export function approveRun(ws: Workspace, user: string, runId: number, at: Date = workspaceClock(ws).now()): { before: PayoutRunRow; after: PayoutRunRow } {
  const r = runState(ws, runId);
  if (r.status !== 'draft') throw frozen(r, 'approval');
  const before = getRunRow(ws, runId);
  const program = parseProgramFile(JSON.parse(r.snap));
  const now = calculateProgram(ws, program, r.period).lines;
  if (fingerprint(program, now) !== r.fp) {
    throw new DomainError(`The sales, targets or partners behind run ${runId} changed since it was calculated; recalculate before approving`, 'CONFLICT');
  }
  const seal = approvalColumns(ws, runId, at.toISOString(), user);
  ws.sqlite
    .prepare(`update payout_runs set status = 'approved', approved_at = ?, approved_by = ?, payee_snapshot = ?, approval_fingerprint = ? where id = ?`)
    .run(seal.approvedAt, seal.approvedBy, seal.payeeSnapshot, seal.approvalFingerprint, runId);
  return { before, after: getRunRow(ws, runId) };
}

/** approved → paid, with the payment reference and date. */
export function payRun(ws: Workspace, runId: number, paymentRef: string, date?: string): { before: PayoutRunRow; after: PayoutRunRow } {
  const r = runState(ws, runId);
  if (r.status === 'draft') throw new DomainError(`Payout run ${runId} is a draft: approve it before paying`, 'DOMAIN');
  if (r.status !== 'approved') throw frozen(r, 'payment');
  const before = getRunRow(ws, runId);
  const clock = workspaceClock(ws);
  const paidOn = date ?? clock.today();
  // approved_at is an instant (UTC); the payment date a local day: compare both as the workspace's calendar days.
  const approvedOn = before.approvedAt ? clock.today(new Date(before.approvedAt)) : null;
  if (approvedOn && paidOn < approvedOn) {
    throw new DomainError(`Payout run ${runId} was approved on ${approvedOn}: it cannot have been paid before, on ${paidOn}`, 'DOMAIN', {
      reason: 'paidBeforeApproval',
      params: { runId, paidOn, approvedOn },
    });
  }
  ws.sqlite.prepare(`update payout_runs set status = 'paid', paid_at = ?, payment_ref = ? where id = ?`).run(paidOn, paymentRef, runId);
  return { before, after: getRunRow(ws, runId) };
}

/** draft or approved → void with a reason. A paid run is history and cannot be voided (corrections go to the next run). */
export function voidRun(ws: Workspace, runId: number, reason: string): { before: PayoutRunRow; after: PayoutRunRow } {
  const r = runState(ws, runId);
  if (r.status === 'paid' || r.status === 'void') throw frozen(r, 'voiding');
  const before = getRunRow(ws, runId);
  ws.sqlite.prepare(`update payout_runs set status = 'void', voided_at = ?, void_reason = ? where id = ?`).run(new Date().toISOString(), reason, runId);
  return { before, after: getRunRow(ws, runId) };
}

/** A manual adjustment line (positive or negative) with its reason; drafts only. */
export function adjustRun(ws: Workspace, runId: number, input: { partnerId?: number; partnerCode?: string; amountMinor: number; reason: string }): { line: PayoutLineView; before: PayoutRunRow; after: PayoutRunRow } {
  const r = runState(ws, runId);
  if (r.status !== 'draft') throw frozen(r, 'an adjustment');
  const partner = (input.partnerId != null
    ? ws.sqlite.prepare('select id from partners where id = ? and deleted_at is null').get(input.partnerId)
    : ws.sqlite.prepare('select id from partners where code = ? and deleted_at is null').get(input.partnerCode)) as { id: number } | undefined;
  if (!partner) throw new DomainError(`No partner ${input.partnerId ?? input.partnerCode}`, 'NOT_FOUND');
  if (input.amountMinor === 0) throw new DomainError('An adjustment of zero changes nothing');
  const before = getRunRow(ws, runId);
  const currency = (JSON.parse(r.snap) as ProgramFile).currency;
  insertLines(ws, runId, [
    { partnerId: partner.id, kind: 'adjustment', basisMinor: 0, attainment: null, tierReached: null, rate: null, amountMinor: input.amountMinor, reason: input.reason, relatesToLineId: null, explain: { key: 'adjustment', params: { reason: input.reason, currency, amountMinor: input.amountMinor } } },
  ]);
  const lineId = (ws.sqlite.prepare('select max(id) as id from payout_lines where run_id = ?').get(runId) as { id: number }).id;
  ws.sqlite.prepare('update payout_runs set total_minor = ? where id = ?').run(sumLines(ws, runId), runId);
  return { line: runLines(ws, runId).find((l) => l.id === lineId)!, before, after: getRunRow(ws, runId) };
}
