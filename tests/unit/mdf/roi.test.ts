import { describe, expect, it } from 'vitest';
import { partnerInput } from '../../helpers/workspace';
import { sale } from '../incentives/fixture';
import { YEAR, mdfSetup } from './fixture';
import { tempDir } from '../../helpers/workspace';
import { proofFiles } from './fixture';
import { yearBefore } from '../../../electron/domain/mdf/roi';

describe('MDF ROI', () => {
  it('against last year and comparable partners without funds, by hand', async () => {
    const s = await mdfSetup(1_000_000);
    const { api, ws, ids } = s;
    ids.P4 = (await api.send('partners.create', partnerInput('P4') as never)).id;
    ids.P5 = (await api.send('partners.create', partnerInput('P5') as never)).id;
    const Y = YEAR;
    const L = YEAR - 1;
    // P1 (funded, exhibition 03-01..03-03, 1 week after → window 03-01..03-10): 500 000 now, 400 000 last year.
    sale(ws, ids.P1, `${Y}-03-01`, 300_000);
    sale(ws, ids.P1, `${Y}-03-10`, 200_000);
    sale(ws, ids.P1, `${Y}-03-11`, 999_999); // after the window
    sale(ws, ids.P1, `${L}-03-05`, 400_000);
    sale(ws, ids.P1, `${Y}-03-05`, 777_777, { currency: 'USD' }); // another currency is not the fund's revenue
    // P2: comparable (dealer, tier2, no funds): 330 000 now, 300 000 last year → comparables grew 10 %.
    sale(ws, ids.P2, `${Y}-03-02`, 330_000);
    sale(ws, ids.P2, `${L}-03-02`, 300_000);
    // P3 is a distributor: not comparable, whatever it sold.
    sale(ws, ids.P3, `${Y}-03-02`, 5_000_000);
    sale(ws, ids.P3, `${L}-03-02`, 1_000);
    // P4 is funded too (so not a comparable for P1): 100 000 now, nothing last year.
    sale(ws, ids.P4, `${Y}-03-04`, 100_000);
    // P5 sold nothing last year: no base to grow from, left out of the comparables.
    sale(ws, ids.P5, `${Y}-03-04`, 50_000);

    const r1 = await s.request('P1', 40_000);
    await api.send('mdf.requests.approve', { requestId: r1.id });
    const t = tempDir('pwb-mdf-roi-');
    const { paths } = proofFiles(t.dir);
    const c = await api.send('mdf.claims.add', { requestId: r1.id, amountMinor: 20_000, proofs: [{ path: paths.pdf }] });
    t.cleanup();
    await api.send('mdf.claims.decide', { claimId: c.id, decision: 'approve' });
    const r4 = await s.request('P4', 40_000);
    await api.send('mdf.requests.approve', { requestId: r4.id });

    const roi = await api.send('mdf.roi', { fundCode: 'F', weeksAfter: 1 });
    expect(roi.requests.map((q) => ({ id: q.requestId, ...q, requestId: undefined }))).toEqual([
      {
        id: r1.id,
        requestId: undefined,
        partnerCode: 'P1',
        activityType: 'exhibition',
        costMinor: 20_000,
        window: { from: `${Y}-03-01`, to: `${Y}-03-10`, revenueMinor: 500_000 },
        lastYear: { from: `${L}-03-01`, to: `${L}-03-10`, revenueMinor: 400_000 },
        upliftMinor: 100_000,
        comparableCount: 1,
        comparableWindowMinor: 330_000,
        comparableLastYearMinor: 300_000,
        incrementalMinor: 60_000, // 500 000 − 400 000 × 330 000 / 300 000
        roi: 2, // (60 000 − 20 000) / 20 000
      },
      {
        id: r4.id,
        requestId: undefined,
        partnerCode: 'P4',
        activityType: 'exhibition',
        costMinor: 0,
        window: { from: `${Y}-03-01`, to: `${Y}-03-10`, revenueMinor: 100_000 },
        lastYear: { from: `${L}-03-01`, to: `${L}-03-10`, revenueMinor: 0 },
        upliftMinor: 100_000,
        comparableCount: 1,
        comparableWindowMinor: 330_000,
        comparableLastYearMinor: 300_000,
        incrementalMinor: 100_000,
        roi: null, // not claimed: no cost yet
      },
    ]);
    expect(roi.totals).toEqual({ costMinor: 20_000, upliftMinor: 200_000, incrementalMinor: 160_000, roi: 7 });
    expect(roi.byActivity).toEqual([{ activityType: 'exhibition', period: `${Y}-Q1`, costMinor: 20_000, upliftMinor: 200_000, incrementalMinor: 160_000, roi: 7 }]);
  });

  it('compares 29 February with 28 February a year earlier', () => {
    expect(yearBefore('2024-02-29')).toBe('2023-02-28');
    expect(yearBefore('2025-03-01')).toBe('2024-03-01');
  });
});
