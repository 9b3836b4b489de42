import { createHash } from 'node:crypto';
import type { Workspace } from '../../../db/database';
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
import { ensureSalesSummaries } from '../evaluations/salesSummaries';
import { runStore, type LineInsert, type RunFilter, type RunState } from './store';
import { notFound, wrongStatus } from '../../../shared/errorMessages';

export function listRuns(ws: Workspace, filter: RunFilter = {}): PayoutRunRow[] {
  return runStore.list(ws, filter);
}

export function getRunRow(ws: Workspace, runId: number): PayoutRunRow {
  const r = runStore.row(ws, runId);
  if (!r) throw new DomainError(`No payout run ${runId}`, 'NOT_FOUND', notFound('payoutRun', runId));
  return r;
}

/** A run's lines; with `channelManagerIds` ("Mine") only those of partners the managers own now. */
export function runLines(ws: Workspace, runId: number, channelManagerIds?: number[]): PayoutLineView[] {
  return runStore.lineViews(ws, runId, channelManagerIds).map(({ details, ...l }) => {
    const explain = (details as { explain?: Explain } | null)?.explain;
    return { ...l, explanationEn: explain ? renderExplanation(explain, 'en') : l.explanation };
  });
}

/** A run with its lines; `channelManagerIds` ("Mine") keeps the lines of those managers' partners (the run's totals stay the run's). */
export function getRun(ws: Workspace, runId: number, channelManagerIds?: number[]): PayoutRunDetail {
  const row = getRunRow(ws, runId);
  const snap = runStore.snapshot(ws, runId)!;
  return { ...row, program: snap.program as ProgramFile, population: parsePopulation(snap.population), lines: runLines(ws, runId, channelManagerIds) };
}

/** What "the inputs" of a run are: its program document and every calculated basis and amount. */
export function fingerprint(program: ProgramFile, lines: Array<Pick<CalcLine, 'partnerId' | 'basisMinor' | 'amountMinor'>>): string {
  // The same bytes as one update per line, hashed in one go.
  const parts = [JSON.stringify(program)];
  for (const l of [...lines].sort((a, b) => a.partnerId - b.partnerId)) parts.push(`|${l.partnerId}:${l.basisMinor}:${l.amountMinor}`);
  return createHash('sha256').update(parts.join('')).digest('hex');
}

/** A line as the calculation makes it: what the store writes, with the explanation still structured and the details as fields. */
interface NewLine extends Omit<LineInsert, 'explanation' | 'details'> {
  explain: Explain;
  extra?: Record<string, unknown>;
}

/** A line's details document as stored: its structured explanation and the extra fields (same keys, same order). */
function detailsOf(l: NewLine): string {
  return l.extra ? JSON.stringify({ explain: l.explain, ...l.extra }) : `{"explain":${JSON.stringify(l.explain)}}`;
}

/** Writes the lines in order; returns their zh-CN explanations (as stored) and the id of the last. */
function insertLines(ws: Workspace, runId: number, lines: NewLine[], at: string): { texts: string[]; lastId: number } {
  const texts = lines.map((l) => renderExplanation(l.explain, 'zh-CN'));
  const lastId = runStore.insertLines(ws, runId, lines.length, (i) => {
    const l = lines[i];
    return [l.partnerId, l.kind, l.basisMinor, l.attainment, l.tierReached, l.rate, l.amountMinor, texts[i], l.reason, l.relatesToLineId, detailsOf(l)];
  }, at);
  return { texts, lastId };
}

/**
 * The detail of a run just written, from the lines in memory instead of reading them back (what getRun returns, without
 * parsing 10k details documents again); the order (partner code, id) still comes from SQL. New lines have no inquiries.
 */
function writtenRun(ws: Workspace, runId: number, program: ProgramFile, lines: NewLine[], texts: string[], partners: Map<number, PartnerFacts>, population: Population): PayoutRunDetail {
  const ids = runStore.lineIds(ws, runId);
  if (ids.length !== lines.length || lines.some((l) => !partners.has(l.partnerId))) return getRun(ws, runId);
  const byId = new Map<number, PayoutLineView>();
  lines.forEach((l, i) => {
    const p = partners.get(l.partnerId)!;
    const explain = l.explain;
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
      // Rendered when read — by a reader in English, an export, or the transport serialising the result — not for every
      // line of every calculation (10k renderings a run); an own enumerable property, so JSON and structured clone carry it.
      get explanationEn() {
        return renderExplanation(explain, 'en');
      },
      reason: l.reason,
      relatesToLineId: l.relatesToLineId,
      inquiries: 0,
    });
  });
  const order = runStore.lineIdsByPartnerCode(ws, runId);
  return { ...getRunRow(ws, runId), program, population, lines: order.map((id) => byId.get(id)!) };
}

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
  const paid = runStore.paidRuns(ws, programId).filter((r) => periodStart(r.period, fsm) < start);
  const out: NewLine[] = [];
  for (const run of paid) {
    const program = parseProgramFile(run.programSnapshot);
    const recalc = new Map(calculateProgram(ws, program, run.period, partners).lines.map((l) => [l.partnerId, l]));
    const lines = runStore.paidLines(ws, run.id);
    for (const line of lines) {
      const now = recalc.get(line.partnerId);
      if (!now || now.basisMinor >= line.basisMinor) continue;
      const already = runStore.clawedBack(ws, line.id, programId, periodLabel);
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
          params: { period: run.period, paidRunId: run.id, paymentRef: run.paymentRef, currency: program.currency, paidBasisMinor: line.basisMinor, newBasisMinor: now.basisMinor, paidAmountMinor: line.amountMinor, newAmountMinor: now.amountMinor, alreadyClawedMinor: -already },
        },
        extra: { paidRunId: run.id },
      });
    }
  }
  return out;
}

/** Refuses a change to a run that is no longer a draft: rolled back and audited as refused. */
function frozen(run: { id: number; status: string }, what: string, action: 'recalculate' | 'approve' | 'pay' | 'void' | 'edit', allowed: string[] = ['draft']): DomainError {
  return new DomainError(`Payout run ${run.id} is ${run.status}: ${what} is not allowed (approved runs, their inputs and lines are frozen)`, 'FORBIDDEN', { runId: run.id, status: run.status, ...wrongStatus('payoutRun', run.id, run.status, allowed, action) });
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
  const existing = runStore.versions(ws, programRow.id, input.period);
  const locked = existing.find((r) => r.status === 'approved' || r.status === 'paid');
  // The job runner audits the refusal (outcome 'refused').
  if (locked) throw frozen(locked, 'recalculation', 'recalculate');
  ctx.progress('calculate', 0, null);
  // The month totals answer the bases (basis.ts): brought up to date when lines were written without them.
  ensureSalesSummaries(ws.sqlite);
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
    const now = ctx.clock.now().toISOString();
    const id = runStore.insertDraft(ws, {
      programId: programRow.id,
      period: calc.period.label,
      version,
      currency: program.currency,
      programSnapshot: program,
      inputsFingerprint: fp,
      population: calc.population,
      calculatedAt: now,
    });
    // Field by field, not a spread of each calculated line: 10k spread copies were a tenth of the run's JavaScript.
    const lines: NewLine[] = calc.lines.map((l) => ({
      partnerId: l.partnerId,
      kind: 'calculated',
      basisMinor: l.basisMinor,
      attainment: l.attainment,
      tierReached: l.tierReached,
      rate: l.rate,
      amountMinor: l.amountMinor,
      reason: null,
      relatesToLineId: null,
      explain: l.explain,
    }));
    if (prevDraft) {
      // MDF settlements are not carried: they are picked afresh below (a claim voided meanwhile must not come back).
      for (const a of runStore.manualAdjustments(ws, prevDraft.id)) {
        lines.push({ partnerId: a.partnerId, kind: 'adjustment', basisMinor: 0, attainment: null, tierReached: null, rate: null, amountMinor: a.amountMinor, reason: a.reason, relatesToLineId: null, explain: (a.details as { explain: Explain }).explain });
      }
      runStore.void(ws, prevDraft.id, now, `superseded by version ${version}`);
      ctx.audit({ operation: 'incentives.payouts.calculate', entity: 'payout_run', entityId: prevDraft.id, before: { status: 'draft' }, after: { status: 'void', voidReason: `superseded by version ${version}` } });
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
    const { texts } = insertLines(ws, id, lines, now);
    if (program.type === 'target_bonus') {
      recordTargetUse(ws, { kind: 'payout', runId: id, period: calc.period, metric: program.targetMetric, partnerIds: calc.lines.map((l) => l.partnerId) }, fiscalStartMonth(ws));
    }
    const total = runStore.retotal(ws, id);
    // Recorded as a calculation also when the demo calculates.
    ctx.audit({
      operation: 'incentives.payouts.calculate',
      entity: 'payout_run',
      entityId: id,
      after: { programCode: program.code, period: calc.period.label, version, totalMinor: total, lines: lines.length, clawbacks: clawbacks.length, excluded: calc.population.considered - calc.population.included },
    });
    return { id, lines, texts };
  }).immediate();
  ctx.progress('write', 1, 1);
  return writtenRun(ws, written.id, JSON.parse(JSON.stringify(program)) as ProgramFile, written.lines, written.texts, partners, calc.population);
}

function runState(ws: Workspace, runId: number): RunState {
  const r = runStore.state(ws, runId);
  if (!r) throw new DomainError(`No payout run ${runId}`, 'NOT_FOUND', notFound('payoutRun', runId));
  return r;
}

/**
 * draft → approved. The inputs must still be those calculated (else CONFLICT: recalculate first). Approval freezes the
 * payees as statements print them and seals the run (approvalSeal.ts).
 */
export function approveRun(ctx: OpContext, runId: number, at: Date = ctx.clock.now()): { before: PayoutRunRow; after: PayoutRunRow } {
  const { ws, user } = ctx;
  const r = runState(ws, runId);
  if (r.status !== 'draft') throw frozen(r, 'approval', 'approve');
  const before = getRunRow(ws, runId);
  const program = parseProgramFile(r.programSnapshot);
  const now = calculateProgram(ws, program, r.period).lines;
  if (fingerprint(program, now) !== r.inputsFingerprint) {
    throw new DomainError(`The sales, targets or partners behind run ${runId} changed since it was calculated; recalculate before approving`, 'CONFLICT', { reason: 'payoutRunStale', params: { runId } });
  }
  const seal = approvalColumns(ws, runId, at.toISOString(), user);
  runStore.approve(ws, runId, seal);
  return { before, after: getRunRow(ws, runId) };
}

/** approved → paid, with the payment reference and date. */
export function payRun(ctx: OpContext, runId: number, paymentRef: string, date?: string): { before: PayoutRunRow; after: PayoutRunRow } {
  const { ws, clock } = ctx;
  const r = runState(ws, runId);
  if (r.status === 'draft') throw new DomainError(`Payout run ${runId} is a draft: approve it before paying`, 'DOMAIN', wrongStatus('payoutRun', runId, 'draft', ['approved'], 'pay'));
  if (r.status !== 'approved') throw frozen(r, 'payment', 'pay', ['approved']);
  const before = getRunRow(ws, runId);
  const paidOn = date ?? clock.today();
  // approved_at is an instant (UTC); the payment date a local day: compare both as the workspace's calendar days.
  const approvedOn = before.approvedAt ? clock.today(new Date(before.approvedAt)) : null;
  if (approvedOn && paidOn < approvedOn) {
    throw new DomainError(`Payout run ${runId} was approved on ${approvedOn}: it cannot have been paid before, on ${paidOn}`, 'DOMAIN', {
      reason: 'paidBeforeApproval',
      params: { runId, paidOn, approvedOn },
    });
  }
  runStore.pay(ws, runId, paidOn, paymentRef);
  return { before, after: getRunRow(ws, runId) };
}

/** draft or approved → void with a reason. A paid run is history and cannot be voided (corrections go to the next run). */
export function voidRun(ctx: OpContext, runId: number, reason: string): { before: PayoutRunRow; after: PayoutRunRow } {
  const { ws } = ctx;
  const r = runState(ws, runId);
  if (r.status === 'paid' || r.status === 'void') throw frozen(r, 'voiding', 'void', ['draft', 'approved']);
  const before = getRunRow(ws, runId);
  runStore.void(ws, runId, ctx.clock.now().toISOString(), reason);
  return { before, after: getRunRow(ws, runId) };
}

/** A manual adjustment line (positive or negative) with its reason; drafts only. */
export function adjustRun(ctx: OpContext, runId: number, input: { partnerId?: number; partnerCode?: string; amountMinor: number; reason: string }): { line: PayoutLineView; before: PayoutRunRow; after: PayoutRunRow } {
  const { ws } = ctx;
  const r = runState(ws, runId);
  if (r.status !== 'draft') throw frozen(r, 'an adjustment', 'edit');
  const partnerId = runStore.livePartnerId(ws, { id: input.partnerId, code: input.partnerCode });
  if (partnerId == null) throw new DomainError(`No partner ${input.partnerId ?? input.partnerCode}`, 'NOT_FOUND', notFound('partner', input.partnerId ?? input.partnerCode));
  if (input.amountMinor === 0) throw new DomainError('An adjustment of zero changes nothing', 'DOMAIN', { reason: 'payoutAdjustmentZero', params: {} });
  const before = getRunRow(ws, runId);
  const currency = (r.programSnapshot as ProgramFile).currency;
  const { lastId: lineId } = insertLines(ws, runId, [
    { partnerId, kind: 'adjustment', basisMinor: 0, attainment: null, tierReached: null, rate: null, amountMinor: input.amountMinor, reason: input.reason, relatesToLineId: null, explain: { key: 'adjustment', params: { reason: input.reason, currency, amountMinor: input.amountMinor } } },
  ], ctx.clock.now().toISOString());
  runStore.retotal(ws, runId);
  return { line: runLines(ws, runId).find((l) => l.id === lineId)!, before, after: getRunRow(ws, runId) };
}
