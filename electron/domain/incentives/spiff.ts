import { applyRate, majorToMinor } from '../../../shared/money';
import { basisStore } from './store';
import { withCap, type CalcContext, type CalcLine } from './calcTypes';
import type { ProgramFile } from '../../model/programs';

export type SpiffProgram = Extract<ProgramFile, { type: 'spiff' }>;

/**
 * Counts sales lines of the chosen products or categories dated within the period, the program's validity and the
 * SPIFF's own from/to. perUnit: units × amount per unit; percent: amount × rate (each rounded once). Net negative
 * (returns exceed sales) pays nothing. Partners without qualifying lines get no line.
 */
export function calculateSpiff(ctx: CalcContext<SpiffProgram>): CalcLine[] {
  const p = ctx.program;
  const from = [ctx.from, p.from ?? ctx.from].sort()[1];
  const to = [ctx.to, p.to ?? ctx.to].sort()[0];
  if (from > to) return [];
  const bases = basisStore.salesRevenueAndUnits(ctx.ws, from, to, { products: p.products, categories: p.categories });
  const capMinor = p.cap != null ? majorToMinor(p.cap, p.currency) : null;
  // Stored in the line's details as the Chinese list (A、B); the English explanation lists them with commas.
  const itemsZh = [...p.products, ...p.categories].join('、');
  const out: CalcLine[] = [];
  for (const partner of ctx.eligible) {
    const b = bases.get(partner.id);
    if (!b) continue;
    const params: Record<string, unknown> = { period: ctx.period.label, currency: p.currency, from, to, items: itemsZh, basisMinor: b.revenueMinor };
    if (p.perUnit != null) {
      const units = Number(b.units.toFixed(6));
      const perUnitMinor = majorToMinor(p.perUnit, p.currency);
      const raw = units > 0 ? applyRate(perUnitMinor, units) : 0;
      Object.assign(params, { units, perUnitMinor });
      const amountMinor = withCap(raw, capMinor, params);
      out.push({ partnerId: partner.id, basisMinor: b.revenueMinor, attainment: null, tierReached: null, rate: null, amountMinor, explain: { key: 'spiff.unit', params } });
    } else {
      const rate = p.percent!;
      const raw = b.revenueMinor > 0 ? applyRate(b.revenueMinor, rate) : 0;
      params.rate = rate;
      const amountMinor = withCap(raw, capMinor, params);
      out.push({ partnerId: partner.id, basisMinor: b.revenueMinor, attainment: null, tierReached: null, rate, amountMinor, explain: { key: 'spiff.percent', params } });
    }
  }
  return out;
}
