import type { Workspace } from '../../../db/database';
import { DomainError } from '../../../shared/errors';
import { calculateProgram } from './calculate';
import { getRun } from './payoutRun';
import { parseProgramFile } from '../../model/programs';
import { WhatIfResult } from '../../model/incentives';

/**
 * Calculates a program variant (changed rates, tiers, cap…) for a saved run's period WITHOUT saving anything, and compares
 * it with the run's calculated lines (adjustments and clawbacks are left out on both sides: they do not depend on the rules).
 */
export function whatIf(ws: Workspace, runId: number, variantRaw: unknown): WhatIfResult {
  const run = getRun(ws, runId);
  const variant = parseProgramFile(variantRaw);
  if (variant.periodKind !== run.program.periodKind) throw new DomainError(`The variant must be calculated per ${run.program.periodKind}, like run ${runId}`, 'DOMAIN', {
      reason: 'whatIfPeriodKind',
      params: { runId, kind: run.program.periodKind, variantKind: variant.periodKind },
    });
  const calc = calculateProgram(ws, variant, run.period);
  const rows = new Map<number, { partnerId: number; partnerCode: string; partnerName: string; baseMinor: number; variantMinor: number }>();
  const row = (id: number) => {
    let r = rows.get(id);
    if (!r) {
      const p = calc.partners.get(id);
      r = { partnerId: id, partnerCode: p?.code ?? String(id), partnerName: p?.name ?? '', baseMinor: 0, variantMinor: 0 };
      rows.set(id, r);
    }
    return r;
  };
  for (const l of run.lines) if (l.kind === 'calculated') {
    const r = row(l.partnerId);
    r.baseMinor += l.amountMinor;
    r.partnerCode = l.partnerCode;
    r.partnerName = l.partnerName;
  }
  for (const l of calc.lines) row(l.partnerId).variantMinor += l.amountMinor;
  const partners = [...rows.values()]
    .map((r) => ({ ...r, differenceMinor: r.variantMinor - r.baseMinor }))
    .sort((a, b) => Math.abs(b.differenceMinor) - Math.abs(a.differenceMinor) || a.partnerCode.localeCompare(b.partnerCode));
  const baseTotalMinor = partners.reduce((s, r) => s + r.baseMinor, 0);
  const variantTotalMinor = partners.reduce((s, r) => s + r.variantMinor, 0);
  return { runId, period: run.period, baseTotalMinor, variantTotalMinor, differenceMinor: variantTotalMinor - baseTotalMinor, partners, population: calc.population };
}
