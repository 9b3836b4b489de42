import { isoDate, daysInMonth, type DemoCalendar } from './calendar';
import { FEEDBACK_COMMENTS } from './names';
import type { DemoPartner } from './partnerFactory';
import type { Rng } from './prng';
import type { feedback } from '../../../db/schema';

export type DemoFeedback = Pick<typeof feedback.$inferSelect, 'partnerId' | 'date' | 'score' | 'comment' | 'dedupeKey'>;

/** Quarterly satisfaction surveys: 0–2 answers per partner and quarter while it sells, around its own mean. */
export function buildFeedback(rng: Rng, partners: DemoPartner[], cal: DemoCalendar): DemoFeedback[] {
  const quarters = cal.months.filter((m) => m.month % 3 === 1);
  const out: DemoFeedback[] = [];
  for (const p of partners) {
    const { salesFrom, salesTo, satisfaction } = p.model;
    if (!salesFrom || !salesTo) continue;
    for (const [qi, start] of quarters.entries()) {
      const y = start.year;
      const q = Math.floor((start.month - 1) / 3) + 1;
      const month = (q - 1) * 3 + rng.int(2, 3);
      const first = isoDate(y, month, 1);
      if (first < salesFrom.slice(0, 8) + '01' || first > salesTo || first > cal.lastSale) continue;
      const answers = rng.weighted([0, 1, 2], [30, 50, 20]);
      // Satisfaction drifts a little over time.
      const drift = (qi - 8) * rng.normal(0, 0.02);
      for (let k = 1; k <= answers; k++) {
        const score = Math.min(5, Math.max(1, Math.round(rng.normal(satisfaction + drift, 0.75)))) as 1 | 2 | 3 | 4 | 5;
        out.push({
          partnerId: p.id,
          date: isoDate(y, month, rng.int(1, daysInMonth(y, month))),
          score,
          comment: rng.chance(0.8) ? rng.pick(FEEDBACK_COMMENTS[score]) : null,
          dedupeKey: `ref:FB-${p.row.code}-${y}Q${q}-${k}`,
        });
      }
    }
  }
  return out;
}
