import { describe, expect, it } from 'vitest';
import { DEFAULT_EVALUATION_RULES, type EvaluationSettings } from '../../../electron/domain/evaluations/evaluationSettings';
import { inputsFingerprint, type FingerprintInputs } from '../../../electron/domain/evaluations/inputsFingerprint';
import type { PartnerKpis } from '../../../electron/domain/evaluations/kpis';
import { parsePeriod } from '../../../shared/period';
import { createHash } from 'node:crypto';

/**
 * Fresh inputs every call (nothing shared between two calls): three partners, one earlier period whose results the tier
 * rules asked for the first two only (the third has no target now: it meets neither rule).
 */
function inputs(): FingerprintInputs {
  const settings: EvaluationSettings = structuredClone({ fiscalStartMonth: 1, ...DEFAULT_EVALUATION_RULES });
  const kpi = (id: number, revenue: number, attainment: number | null): PartnerKpis => ({
    partnerId: id, revenueMinor: revenue, prevRevenueMinor: 100, yoyRevenueMinor: 90, targetMinor: attainment === null ? null : 1000, attainment, growthPrev: 0.25,
    growthYoY: null, grossMargin: 0.3, orders: 4, activeCustomers: 3, newCustomers: 1, retention: 0.5, satisfaction: null, trainingCompliance: 1,
    expiredCertifications: 0, openHighRisks: 0, sellThroughRate: null, daysOfInventory: null, inventoryTurnover: null, crossTerritoryShare: null, belowFloorShare: null,
  });
  const partner = (id: number, code: string, regionRoot: number | null) => ({
    id, code, name: `伙伴${id}`, channelType: 'dealer', tier: 'tier2', region: '华东', regionEn: 'East', regionCode: 'HD', regionRoot, joinedOn: '2018-01-01',
  });
  return {
    period: parsePeriod('2019-Q1'),
    settings,
    partners: [partner(1, 'P1', 1), partner(2, 'P2', 1), partner(3, 'P3', null)],
    kpis: [kpi(1, 1200, 1.2), kpi(2, 0, 0), kpi(3, 500, null)],
    history: [{ label: '2018-Q4', attainment: Float64Array.of(1.1, NaN, 0.4), healthScore: Float64Array.of(81.5, 40, 55), asked: Uint8Array.of(1, 1, 0) }],
  };
}

describe('the inputs fingerprint', () => {
  it('is the same for the same inputs, however they were built', () => {
    expect(inputsFingerprint(inputs())).toBe(inputsFingerprint(inputs()));
    expect(inputsFingerprint(inputs())).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each<[string, (x: FingerprintInputs) => void]>([
    ['a KPI value', (x) => void (x.kpis[1].revenueMinor = 1)],
    ['a KPI from null to 0', (x) => void (x.kpis[0].growthYoY = 0)],
    ['a KPI from 0 to null', (x) => void (x.kpis[1].attainment = null)],
    ['a base only the calculation uses', (x) => void (x.kpis[2].prevRevenueMinor = 101)],
    ["an earlier period's score", (x) => void (x.history[0].healthScore[0] = 81.6)],
    ["an earlier period's attainment from none to 0", (x) => void (x.history[0].attainment[1] = 0)],
    ["a partner's tier", (x) => void (x.partners[0].tier = 'tier1')],
    ["a partner's ranking region", (x) => void (x.partners[2].regionRoot = 1)],
    ["a partner's code", (x) => void (x.partners[2].code = 'P3 ')],
    ['the partners in another order', (x) => void (x.partners.reverse(), x.kpis.reverse())],
    ['one partner less', (x) => void (x.partners.pop(), x.kpis.pop())],
    ['a weight', (x) => void (x.settings.weights.retention += 1)],
    ['a grade band', (x) => void (x.settings.gradeBands.B = 61)],
    ['the period', (x) => void (x.period = parsePeriod('2019-Q2'))],
    ["the earlier period's label", (x) => void (x.history[0].label = '2018-Q3')],
    ['a partner asked for its earlier result that was not (same numbers)', (x) => void (x.history[0].asked[2] = 1)],
    ['an earlier result no longer asked for', (x) => void (x.history[0].asked[0] = 0)],
  ])('changes with %s', (_what, change) => {
    const changed = inputs();
    change(changed);
    expect(inputsFingerprint(changed)).not.toBe(inputsFingerprint(inputs()));
  });

  it.each<[string, (x: FingerprintInputs) => void]>([
    ["an earlier period's score", (x) => void (x.history[0].healthScore[2] = 10)],
    ["an earlier period's attainment, to none", (x) => void (x.history[0].attainment[2] = NaN)],
    ["an earlier period's attainment, from none (never computed: 0, 0)", (x) => void ((x.history[0].attainment[2] = 0), (x.history[0].healthScore[2] = 0))],
  ])('does not change with %s of a partner the tier rules did not ask about', (_what, change) => {
    const changed = inputs();
    change(changed);
    expect(inputsFingerprint(changed)).toBe(inputsFingerprint(inputs()));
  });

  it('hashes the bytes scheme 3 defines, whichever path reads the KPIs (fields by name, another field order, a value that is not a number)', () => {
    // Scheme 3 written plainly (Object.values per partner; an earlier result not asked for as NaN, −Infinity).
    const reference = (x: FingerprintInputs): string => {
      const fields = (x.partners.length ? Object.keys(x.kpis[0]) : []) as Array<keyof PartnerKpis>;
      const numbers: number[] = [];
      let text = '';
      x.partners.forEach((p, i) => {
        text += JSON.stringify([p.id, p.code, p.tier, p.channelType, p.regionCode, p.regionRoot]);
        Object.values(x.kpis[i]).forEach((v: unknown, j) => {
          numbers.push(typeof v === 'number' ? v : NaN);
          if (typeof v !== 'number' && v !== null) text += JSON.stringify([fields[j], v]);
        });
        for (const h of x.history) numbers.push(...(h.asked[i] ? [h.attainment[i], h.healthScore[i]] : [NaN, -Infinity]));
      });
      return createHash('sha256')
        .update(JSON.stringify({ scheme: 3, period: x.period, settings: x.settings, fields, history: x.history.map((h) => h.label), partners: x.partners.length }))
        .update(text)
        .update(new Uint8Array(Float64Array.from(numbers).buffer))
        .digest('hex');
    };
    const plain = inputs();
    expect(inputsFingerprint(plain)).toBe(reference(plain));
    // Another field order: the general path.
    const reordered = inputs();
    reordered.kpis = reordered.kpis.map((k) => Object.fromEntries(Object.entries(k).reverse()) as unknown as PartnerKpis);
    expect(inputsFingerprint(reordered)).toBe(reference(reordered));
    expect(inputsFingerprint(reordered)).not.toBe(inputsFingerprint(plain));
    // A value that is neither a number nor null (a text, undefined) counts as text for that partner only.
    const odd = inputs();
    (odd.kpis[1] as unknown as Record<string, unknown>).satisfaction = '4';
    (odd.kpis[2] as unknown as Record<string, unknown>).retention = undefined;
    expect(inputsFingerprint(odd)).toBe(reference(odd));
    expect(inputsFingerprint(odd)).not.toBe(inputsFingerprint(plain));
    // No partners at all.
    const none = { ...inputs(), partners: [], kpis: [], history: [] };
    expect(inputsFingerprint(none)).toBe(reference(none));
  });
});
