import type { Workspace } from '../../../db/database';
import { DomainError } from '../../../shared/errors';
import { getSetting } from '../system/settingsStore';
import { parsePeriod, type Period } from '../../../shared/period';
import type { CalcContext, CalcLine } from './calcTypes';
import { checkEligibility, loadPartners, type Ineligible, type PartnerFacts } from './eligibility';
import { PopulationCounter, type Population } from '../../../shared/population';
import { calculateGrowthBonus } from './growthBonus';
import type { ProgramFile } from '../../model/programs';
import { calculateRankingAward } from './rankingAward';
import { calculateSpiff } from './spiff';
import { calculateTargetBonus } from './targetBonus';
import { calculateTieredRebate } from './tieredRebate';

export function fiscalStartMonth(ws: Workspace): number {
  const v = Number(getSetting<unknown>(ws.db, 'company.fiscalStartMonth', 1));
  return Number.isInteger(v) && v >= 1 && v <= 12 ? v : 1;
}

export interface ProgramCalculation {
  period: Period;
  lines: CalcLine[];
  excluded: Ineligible[];
  partners: Map<number, PartnerFacts>;
  /** Live partners considered, those with a line, and why the others have none. */
  population: Population;
}

/** Calculates a program for one period (nothing is written). The period must be of the program's kind and overlap its validity. */
export function calculateProgram(ws: Workspace, program: ProgramFile, periodLabel: string, partners = loadPartners(ws)): ProgramCalculation {
  const fsm = fiscalStartMonth(ws);
  let period: Period;
  try {
    period = parsePeriod(periodLabel, fsm);
  } catch (e) {
    throw new DomainError((e as Error).message, 'DOMAIN', { reason: 'notAPeriod', params: { period: periodLabel } });
  }
  if (period.kind !== program.periodKind) {
    throw new DomainError(`Program ${program.code} is calculated per ${program.periodKind}; ${periodLabel} is a ${period.kind}`, 'DOMAIN', {
      reason: 'programPeriodKind',
      params: { code: program.code, kind: program.periodKind, period: periodLabel, periodKind: period.kind },
    });
  }
  const from = period.start > program.validFrom ? period.start : program.validFrom;
  const to = program.validTo && program.validTo < period.end ? program.validTo : period.end;
  if (from > to) throw new DomainError(`Period ${periodLabel} is outside the validity of program ${program.code} (${program.validFrom} – ${program.validTo ?? '…'})`, 'DOMAIN', {
      reason: 'programPeriodOutsideValidity',
      params: { period: periodLabel, code: program.code, validFrom: program.validFrom, validTo: program.validTo ?? null },
    });
  const { eligible, excluded } = checkEligibility(ws, program.eligibility, partners, to, program.currency);
  const ctx: CalcContext = { ws, program, period, from, to, fiscalStartMonth: fsm, eligible };
  let lines: CalcLine[];
  switch (program.type) {
    case 'tiered_rebate':
      lines = calculateTieredRebate(ctx as CalcContext<typeof program>);
      break;
    case 'target_bonus':
      lines = calculateTargetBonus(ctx as CalcContext<typeof program>);
      break;
    case 'spiff':
      lines = calculateSpiff(ctx as CalcContext<typeof program>);
      break;
    case 'growth_bonus':
      lines = calculateGrowthBonus(ctx as CalcContext<typeof program>);
      break;
    case 'ranking_award':
      lines = calculateRankingAward(ctx as CalcContext<typeof program>);
      break;
  }
  return { period, lines, excluded, partners, population: programPopulation(ctx, partners.size, excluded, lines) };
}

/**
 * Every live partner is considered; ineligible ones are counted by reason and value; an eligible partner without a
 * line had no sales the program counts in the period (or, for a SPIFF whose window misses the period, none could).
 */
function programPopulation(ctx: CalcContext, considered: number, excluded: Ineligible[], lines: CalcLine[]): Population {
  const pop = new PopulationCounter();
  pop.consider(considered);
  for (const e of excluded) pop.exclude(e.reason, e.params);
  const withLine = new Set(lines.map((l) => l.partnerId));
  pop.include(withLine.size);
  const program = ctx.program;
  const spiffWindowMissed = program.type === 'spiff' && [ctx.from, program.from ?? ctx.from].sort()[1] > [ctx.to, program.to ?? ctx.to].sort()[0];
  for (const p of ctx.eligible) {
    if (withLine.has(p.id)) continue;
    if (spiffWindowMissed) pop.exclude('validity', { value: ctx.period.label, expected: `${program.from ?? ctx.from} – ${program.to ?? ctx.to}` });
    else pop.exclude('noSales', { value: ctx.period.label });
  }
  return pop.result();
}
