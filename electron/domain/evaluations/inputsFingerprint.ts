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
  /** The earlier periods the tier rules looked at: attainment (NaN = none) and health score per partner. */
  history: ReadonlyArray<{ label: string; attainment: Float64Array; healthScore: Float64Array }>;
}

/**
 * The inputs fingerprint (scheme 2): a SHA-256 over the period, the settings, the KPI field names and earlier periods,
 * each partner's identity as JSON text (id, code, tier, channel type, region code, ranking region), and every number
 * as its 8 bytes — the KPIs in their fields' order, null as NaN, then each earlier period's attainment and score — in one
 * Float64Array (little-endian on every platform the app runs on). The same inputs give the same bytes; any changed
 * value, partner or setting changes them. Scheme 1 hashed `JSON.stringify` of every partner's KPIs: 10k partners'
 * ~200k numbers turned into text cost ~50 ms CPU of a run, the bytes ~5 ms. A run stored before scheme 2 has a
 * scheme-1 fingerprint, so the first run after the change compares as "inputs changed" once.
 */
export function inputsFingerprint(x: FingerprintInputs): string {
  const { partners, kpis, history } = x;
  const n = partners.length;
  // Every KPI object comes from one literal (kpis.ts), so the first one's fields are everyone's.
  const fields = (n ? Object.keys(kpis[0]) : []) as Array<keyof PartnerKpis>;
  const width = fields.length + 2 * history.length;
  const numbers = new Float64Array(n * width);
  let text = '';
  let o = 0;
  for (let i = 0; i < n; i++) {
    const p = partners[i];
    text += JSON.stringify([p.id, p.code, p.tier, p.channelType, p.regionCode, p.regionRoot]);
    // The values in the fields' order (one array: a keyed read per field was twice the cost).
    const values: unknown[] = Object.values(kpis[i]);
    for (let j = 0; j < fields.length; j++) {
      const v = values[j];
      if (typeof v === 'number') numbers[o++] = v;
      else {
        numbers[o++] = NaN;
        // A field that is not a number (none today) still counts, as text.
        if (v !== null) text += JSON.stringify([fields[j], v]);
      }
    }
    for (const h of history) {
      numbers[o++] = h.attainment[i];
      numbers[o++] = h.healthScore[i];
    }
  }
  return createHash('sha256')
    .update(JSON.stringify({ scheme: 2, period: x.period, settings: x.settings, fields, history: history.map((h) => h.label), partners: n }))
    .update(text)
    .update(new Uint8Array(numbers.buffer))
    .digest('hex');
}
