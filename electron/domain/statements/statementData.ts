import type { Workspace } from '../../../db/database';
import { DomainError } from '../../../shared/errors';
import { type PayoutLineView, type PayoutRunDetail } from '../../model/incentives';
import { getRun } from '../incentives/payoutRun';
import { loadPartners, partnerFacts } from '../incentives/eligibility';
import { frozenPayees, type Payee } from '../incentives/approvalSeal';
import { type CompanyProfile, type StatementLanguage } from '../../model/company';
import { requireCompanyProfile } from '../company/companyProfile';
import { statementStore } from './store';

export interface StatementData {
  number: string;
  generatedAt: string;
  company: CompanyProfile;
  language: StatementLanguage;
  run: Omit<PayoutRunDetail, 'lines'>;
  /** The payee as frozen at approval (as today for runs approved before payee snapshots existed). */
  partner: Payee;
  lines: PayoutLineView[];
  totalMinor: number;
}

/** Partners that get a statement: every partner with at least one non-zero line in the run. */
export function statementPartners(run: PayoutRunDetail, only?: number[]): number[] {
  const ids = new Set<number>();
  for (const l of run.lines) if (l.amountMinor !== 0) ids.add(l.partnerId);
  return [...ids].filter((id) => !only || only.includes(id));
}

/**
 * Statement numbers ST-YYYY-NNNNNN: unique and sequential across the workspace (the counter is the statements table:
 * the year's highest number + 1). A run's statement for a partner keeps its number when exported again.
 */
export function assignStatementNumbers(ws: Workspace, run: PayoutRunDetail, partnerIds: number[], now: Date): Map<number, { number: string; generatedAt: string }> {
  const out = new Map<number, { number: string; generatedAt: string }>();
  ws.sqlite.transaction(() => {
    const year = now.getFullYear();
    const prefix = `ST-${year}-`;
    let seq = statementStore.highestNumber(ws, prefix) ?? 0;
    const issuer = statementStore.issuer(ws);
    const totals = new Map<number, number>();
    for (const l of run.lines) totals.set(l.partnerId, (totals.get(l.partnerId) ?? 0) + l.amountMinor);
    for (const id of partnerIds) {
      const e = issuer.issued(run.id, id);
      if (e) {
        out.set(id, e);
        continue;
      }
      seq += 1;
      const number = `${prefix}${String(seq).padStart(6, '0')}`;
      const generatedAt = now.toISOString();
      issuer.issue({ number, runId: run.id, partnerId: id, totalMinor: totals.get(id) ?? 0, generatedAt });
      out.set(id, { number, generatedAt });
    }
  }).immediate();
  return out;
}

export function loadStatementContext(ws: Workspace, runId: number, language?: StatementLanguage) {
  const company = requireCompanyProfile(ws);
  const run = getRun(ws, runId);
  if (run.status !== 'approved' && run.status !== 'paid') {
    throw new DomainError(`Statements are issued for approved or paid runs; run ${runId} is ${run.status}`, 'DOMAIN', { reason: 'statementsRunNotApproved', params: { runId, status: run.status } });
  }
  const frozen = frozenPayees(ws, runId);
  const live = frozen ? null : loadPartners(ws);
  const extra = statementStore.payeeFacts(ws);
  const payee = (partnerId: number): Payee =>
    frozen?.get(partnerId) ?? { ...(live?.get(partnerId) ?? partnerFacts(ws, partnerId)!), ...extra(partnerId)! };
  const byPartner = new Map<number, PayoutLineView[]>();
  for (const l of run.lines) {
    if (!byPartner.has(l.partnerId)) byPartner.set(l.partnerId, []);
    byPartner.get(l.partnerId)!.push(l);
  }
  const { lines: _lines, ...runHead } = run;
  const dataFor = (partnerId: number, num: { number: string; generatedAt: string }): StatementData => {
    const lines = byPartner.get(partnerId) ?? [];
    return { ...num, company, language: language ?? company.statementLanguage, run: runHead, partner: payee(partnerId), lines, totalMinor: lines.reduce((s, l) => s + l.amountMinor, 0) };
  };
  return { run, dataFor };
}
