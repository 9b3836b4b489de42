import { describe, expect, it } from 'vitest';
import { expireLapsedMdf } from '../../../electron/jobs/mdfExpiryTimer';
import { YEAR } from './fixture';
import { setup } from '../incentives/fixture';

describe('MDF expiry without anyone asking', () => {
  it('a tick returns a lapsed approval to its fund once, and writes no audit record when nothing is due', async () => {
    const { api, ws } = await setup([['P1']]);
    const audits = () => (ws.sqlite.prepare(`select count(*) as n from audit_log where operation = 'mdf.expire'`).get() as { n: number }).n;
    await api.send('mdf.funds.add', { code: 'LY', name: '去年的基金', period: String(YEAR - 1), budgetMinor: 10_000 });
    const r = await api.send('mdf.requests.add', { fundCode: 'LY', partnerCode: 'P1', activityType: 'other', startsOn: `${YEAR - 1}-05-01`, endsOn: `${YEAR - 1}-05-02`, amountMinor: 4_000 });
    expect(await expireLapsedMdf(api, () => {})).toBe(0);
    expect(audits()).toBe(0);
    await api.send('mdf.requests.approve', { requestId: r.id });
    expect((await api.send('mdf.balance', { fundCode: 'LY' })).remainingMinor).toBe(6_000);
    const log: string[] = [];
    expect(await expireLapsedMdf(api, (m) => log.push(m))).toBe(1);
    expect(log[0]).toContain(`MDF request ${r.id} (LY, P1) lapsed unclaimed`);
    expect(await api.send('mdf.balance', { fundCode: 'LY' })).toMatchObject({ remainingMinor: 10_000, expiredMinor: 4_000 });
    expect(await expireLapsedMdf(api, () => {})).toBe(0);
    expect(audits()).toBe(1);
  });
});
