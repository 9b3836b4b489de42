import { describe, expect, it } from 'vitest';
import { complianceAndLapsedFrom, complianceFrom, courseStandings, holdingsAt, isRequiredFor, type PassedRecordTuple, type RequirementCourse } from '../../../electron/domain/training/compliance';
import { addDays } from '../../../shared/period';

/**
 * The evaluation's one-pass compliance (each partner's standing per course, three bits per date, folded from its
 * records) against the training area's rule as written: `complianceFrom` over `holdingsAt`, and lapsed required
 * certificates counted record by record. tests/unit/evaluations/courseStandings.test.ts holds the SQL fold to
 * `courseStandings`.
 */
describe('complianceAndLapsedFrom over courseStandings', () => {
  it('agrees with complianceFrom(holdingsAt) and the lapsed-certificate count at every date, partner by partner', () => {
    let seed = 7;
    const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const tiers = ['strategic', 'tier1', 'tier2', 'tier3'];
    const channels = ['distributor', 'retailer', 'ecommerce'];
    const courses: RequirementCourse[] = [
      { id: 1, requiredTiers: ['strategic', 'tier1'], requiredChannelTypes: [] },
      { id: 2, requiredTiers: [], requiredChannelTypes: ['ecommerce'] },
      { id: 3, requiredTiers: ['tier2'], requiredChannelTypes: ['retailer'] },
      { id: 4, requiredTiers: [], requiredChannelTypes: [] },
      { id: 9, requiredTiers: ['tier3'], requiredChannelTypes: [] },
    ];
    const partners = Array.from({ length: 300 }, (_, i) => ({ id: i + 1, tier: tiers[i % 4], channelType: channels[i % 3] }));
    const records: PassedRecordTuple[] = [];
    for (const p of partners) {
      // Some partners without records; some with several records of one course (renewals, overlapping, never expiring).
      const n = p.id % 7 === 0 || p.id % 4 === 0 ? 0 : Math.floor(rnd() * 6);
      for (let k = 0; k < n; k++) {
        const on = addDays('2018-01-01', Math.floor(rnd() * 700));
        records.push([p.id, [1, 2, 3, 4, 9][Math.floor(rnd() * 5)], on, rnd() < 0.15 ? null : addDays(on, 100 + Math.floor(rnd() * 400))]);
      }
    }
    // Edges: a certificate expiring on the date is still valid (expiry is inclusive), completed on the date counts, one
    // completed the day after does not; a lapsed one renewed later; a record of a partner not asked for is ignored.
    records.push([4, 9, '2018-01-01', '2018-12-31'], [8, 9, '2018-12-31', '2019-12-31'], [12, 9, '2019-01-01', null], [16, 9, '2017-01-01', '2018-01-01'], [16, 9, '2019-01-01', '2020-01-01'], [999, 1, '2018-01-01', null]);
    records.sort((a, b) => a[0] - b[0]);
    const dates = ['2018-03-31', '2018-12-31', '2019-06-30', '2019-09-30'];
    const got = complianceAndLapsedFrom(partners, courses, courseStandings(records, dates), dates);
    const objects = records.map(([p, c, completedOn, expiresOn]) => ({ p, c, completedOn, expiresOn }));
    let lapsedSeen = 0;
    dates.forEach((asOf, d) => {
      const held = holdingsAt(objects, asOf);
      expect(got[d].compliance).toEqual(complianceFrom(partners, courses, held, asOf));
      const expired = new Map<number, number>();
      const counted = new Set<string>();
      for (const r of objects) {
        if (r.completedOn > asOf || r.expiresOn === null || r.expiresOn >= asOf) continue;
        const key = `${r.p}:${r.c}`;
        if (held.has(key) || counted.has(key)) continue;
        counted.add(key);
        const p = partners.find((x) => x.id === r.p);
        const course = courses.find((c) => c.id === r.c)!;
        if (p && isRequiredFor(course, p)) expired.set(r.p, (expired.get(r.p) ?? 0) + 1);
      }
      expect(got[d].expired).toEqual(expired);
      lapsedSeen += expired.size;
    });
    // The data exercise what is compared: lapsed certificates, partners with and without requirements.
    expect(lapsedSeen).toBeGreaterThan(20);
    expect(got[1].compliance.get(4)?.valid).toBeGreaterThan(0);
    expect(got[1].compliance.get(8)?.valid).toBeGreaterThan(0);
    expect([...got[1].compliance.values()].some((c) => c.compliance === null)).toBe(true);
    expect([...got[1].compliance.values()].some((c) => c.compliance !== null && c.compliance > 0 && c.compliance < 1)).toBe(true);
  });
});
