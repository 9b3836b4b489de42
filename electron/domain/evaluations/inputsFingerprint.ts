import { createHash } from 'node:crypto';
import type { Period } from '../../../shared/period';
import type { EvaluatedPartner } from './evaluatedPartners';
import type { EvaluationSettings } from './evaluationSettings';
import type { PartnerKpis } from './kpis';

/** What a run's scores were computed from: the partners, their KPIs and earlier results by position, the settings. */
export interface FingerprintInputs {
  period: Period;
  settings: EvaluationSettings;
  partners: EvaluatedPartner[];
  kpis: PartnerKpis[];
  /**
   * The earlier periods the tier rules looked at: attainment (NaN = none) and health score per partner, and `asked`:
   * 1 for the partners whose result of that period the rules asked for (tierRules.ts `askedOf`), 0 for the others
   * (their numbers there, stored or never computed, are not hashed).
   */
  history: ReadonlyArray<{ label: string; attainment: Float64Array; healthScore: Float64Array; asked: Uint8Array }>;
}

/**
 * The inputs fingerprint (scheme 3): a SHA-256 over the period, the settings, the KPI field names and earlier periods,
 * each partner's identity as JSON text (id, code, tier, channel type, region code, ranking region), and every number
 * as its 8 bytes — the KPIs in their fields' order, null as NaN, then each earlier period's attainment and score — in one
 * Float64Array (little-endian on every platform the app runs on). The same inputs give the same bytes; any changed
 * value, partner or setting that can change a result changes them.
 *
 * Scheme 3 hashes an earlier period's attainment and score only where the tier rules asked for them (`asked`): the
 * partners that meet the upgrade or the downgrade rule in the evaluated period and in every earlier period nearer to
 * it; the others get a fixed marker (NaN, −Infinity: a health score is never −Infinity) whatever their result there,
 * stored or not computed at all. Whether a partner was asked follows from numbers hashed before it (its KPIs, the
 * weights and rules, its results of the nearer periods), so the marker hides nothing a result depends on: the same data
 * gives the same fingerprint whether the earlier results were stored or computed, and a changed earlier result of an
 * asked partner changes it. Scheme 2 hashed every partner's earlier results, which made a first evaluation compute the
 * earlier periods for every partner (10k partners) where the rules need a few hundred.
 *
 * Scheme 1 hashed `JSON.stringify` of every partner's KPIs: 10k partners' ~200k numbers turned into text cost ~50 ms CPU
 * of a run, the bytes ~5 ms. A run stored under an earlier scheme carries that scheme's fingerprint, so the first run
 * after each change compares as "inputs changed" once.
 */
export function inputsFingerprint(x: FingerprintInputs): string {
  const { partners, kpis, history } = x;
  const n = partners.length;
  // Every KPI object comes from one literal (kpis.ts), so the first one's fields are everyone's.
  const fields = (n ? Object.keys(kpis[0]) : []) as Array<keyof PartnerKpis>;
  const width = fields.length + 2 * history.length;
  const numbers = new Float64Array(n * width);
  // Fields in the order KPI_FIELDS lists are read by name; any other order (or a value that is neither a number nor
  // null) takes the general path over Object.values — the same bytes either way.
  const known = fields.length === KPI_FIELDS.length && fields.every((f, j) => f === KPI_FIELDS[j]);
  let text = '';
  let o = 0;
  for (let i = 0; i < n; i++) {
    const p = partners[i];
    text += JSON.stringify([p.id, p.code, p.tier, p.channelType, p.regionCode, p.regionRoot]);
    const k = kpis[i];
    if (!(known && knownNumbers(k, numbers, o))) {
      const values: unknown[] = Object.values(k);
      for (let j = 0; j < fields.length; j++) {
        const v = values[j];
        if (typeof v === 'number') numbers[o + j] = v;
        else {
          numbers[o + j] = NaN;
          // A field that is not a number (none today) still counts, as text.
          if (v !== null) text += JSON.stringify([fields[j], v]);
        }
      }
    }
    o += fields.length;
    for (const h of history) {
      if (h.asked[i]) {
        numbers[o++] = h.attainment[i];
        numbers[o++] = h.healthScore[i];
      } else {
        numbers[o++] = NaN;
        numbers[o++] = -Infinity;
      }
    }
  }
  return createHash('sha256')
    .update(JSON.stringify({ scheme: 3, period: x.period, settings: x.settings, fields, history: history.map((h) => h.label), partners: n }))
    .update(text)
    .update(new Uint8Array(numbers.buffer))
    .digest('hex');
}

/**
 * The KPI fields in kpis.ts's order. Reading them by name instead of `Object.values` (an array of 22 values per
 * partner) took the fingerprint of 10k partners from 13–26 to ~6–10 CPU ms inside a run (in-process A/B, 8 runs).
 */
const KPI_FIELDS: ReadonlyArray<keyof PartnerKpis> = [
  'partnerId', 'revenueMinor', 'prevRevenueMinor', 'yoyRevenueMinor', 'targetMinor', 'attainment', 'growthPrev', 'growthYoY', 'grossMargin', 'orders',
  'activeCustomers', 'newCustomers', 'retention', 'satisfaction', 'trainingCompliance', 'expiredCertifications', 'openHighRisks', 'sellThroughRate',
  'daysOfInventory', 'inventoryTurnover', 'crossTerritoryShare', 'belowFloorShare',
];
/** Writes k's KPIs in KPI_FIELDS order at out[o…] (null as NaN); false when a value is neither a number nor null. */
function knownNumbers(k: PartnerKpis, out: Float64Array, o: number): boolean {
  odd = false;
  out[o] = num(k.partnerId);
  out[o + 1] = num(k.revenueMinor);
  out[o + 2] = num(k.prevRevenueMinor);
  out[o + 3] = num(k.yoyRevenueMinor);
  out[o + 4] = num(k.targetMinor);
  out[o + 5] = num(k.attainment);
  out[o + 6] = num(k.growthPrev);
  out[o + 7] = num(k.growthYoY);
  out[o + 8] = num(k.grossMargin);
  out[o + 9] = num(k.orders);
  out[o + 10] = num(k.activeCustomers);
  out[o + 11] = num(k.newCustomers);
  out[o + 12] = num(k.retention);
  out[o + 13] = num(k.satisfaction);
  out[o + 14] = num(k.trainingCompliance);
  out[o + 15] = num(k.expiredCertifications);
  out[o + 16] = num(k.openHighRisks);
  out[o + 17] = num(k.sellThroughRate);
  out[o + 18] = num(k.daysOfInventory);
  out[o + 19] = num(k.inventoryTurnover);
  out[o + 20] = num(k.crossTerritoryShare);
  out[o + 21] = num(k.belowFloorShare);
  return !odd;
}
let odd = false;
function num(v: number | null): number {
  if (typeof v === 'number') return v;
  if (v !== null) odd = true;
  return NaN;
}
