import { afterEach, describe, expect, it, vi } from 'vitest';
import { fixedClock, isTimeZone, localDate, startOfDayIso } from '../../../shared/clock';
import { quartersBack } from '../../../shared/period';
import { rebateProgram, sale, setup } from '../incentives/fixture';

async function calculatedRun() {
  const { ws, api, ids } = await setup([['P1']]);
  sale(ws, ids.P1, '2025-02-01', 61_234_000);
  await api.send('incentives.programs.save', { definition: rebateProgram() });
  const run = await api.send('incentives.payouts.calculate', { programCode: 'REB-Q', period: '2025-Q1' });
  return { api, run };
}

// 07:30 on 1 April in Beijing is still 31 March in UTC.
const BEIJING_MORNING = '2025-03-31T23:30:00Z';

describe('the one clock', () => {
  afterEach(() => vi.useRealTimers());

  it('gives the calendar day in the workspace time zone, not the UTC day', () => {
    expect(localDate(new Date(BEIJING_MORNING), 'Asia/Shanghai')).toBe('2025-04-01');
    expect(localDate(new Date(BEIJING_MORNING), 'America/Los_Angeles')).toBe('2025-03-31');
    expect(fixedClock(BEIJING_MORNING, 'Asia/Shanghai').today()).toBe('2025-04-01');
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
  });

  it('gives the first instant of a day in a zone, across daylight-saving changes', () => {
    expect(startOfDayIso('2025-04-01', 'Asia/Shanghai')).toBe('2025-03-31T16:00:00.000Z');
    expect(startOfDayIso('2025-04-01', 'Asia/Shanghai', 1)).toBe('2025-04-01T16:00:00.000Z');
    expect(startOfDayIso('2025-04-01', 'Asia/Kolkata')).toBe('2025-03-31T18:30:00.000Z');
    // Los Angeles springs forward at 02:00 on 9 March: that day is 23 hours long; 2 November is 25.
    expect(startOfDayIso('2025-03-09', 'America/Los_Angeles')).toBe('2025-03-09T08:00:00.000Z');
    expect(startOfDayIso('2025-03-09', 'America/Los_Angeles', 1)).toBe('2025-03-10T07:00:00.000Z');
    expect(startOfDayIso('2025-11-02', 'America/Los_Angeles', 1)).toBe('2025-11-03T08:00:00.000Z');
    // Santiago skips from 24:00 to 01:00 on 7 September: the day starts at 01:00 local (-03).
    expect(startOfDayIso('2025-09-07', 'America/Santiago')).toBe('2025-09-07T04:00:00.000Z');
    expect(startOfDayIso('2025-12-31', 'UTC', 1)).toBe('2026-01-01T00:00:00.000Z');
    // The zone is required: a day bound is never left to the laptop's zone.
    // @ts-expect-error no zone
    startOfDayIso('2025-04-01');
    // A clock always names its zone: the machine's when none is given, resolved to its IANA name.
    expect(fixedClock(BEIJING_MORNING).timeZone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });

  it('records a payout run paid before 08:00 in China as paid that day, and a risk closed then as closed that day', async () => {
    const { api, run } = await calculatedRun();
    await api.send('system.settings.set', { key: 'company.timeZone', value: 'Asia/Shanghai' });
    const risk = await api.send('risks.save', { fields: { title: '窜货', category: 'channel_conflict', likelihood: 2, impact: 2, owner: '王磊' } });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(BEIJING_MORNING));
    await api.send('incentives.payouts.approve', { runId: run.id });
    const paid = await api.send('incentives.payouts.pay', { runId: run.id, paymentRef: 'BANK-1' });
    expect(paid.paidAt).toBe('2025-04-01');
    const closed = await api.send('risks.close', { id: risk.id });
    expect(closed.closedAt).toBe('2025-04-01');
  });

  it('refuses a time zone it does not know', async () => {
    const { api } = await calculatedRun();
    await expect(api.send('system.settings.set', { key: 'company.timeZone', value: 'China Standard Time' })).rejects.toMatchObject({ body: { code: 'INVALID_INPUT' } });
  });

  it("tells the pages the workspace clock's today (system.today), not the machine's day", async () => {
    const { api } = await calculatedRun();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(BEIJING_MORNING));
    await api.send('system.settings.set', { key: 'company.timeZone', value: 'Asia/Shanghai' });
    expect(await api.send('system.today', {})).toEqual({ today: '2025-04-01', timeZone: 'Asia/Shanghai' });
    await api.send('system.settings.set', { key: 'company.timeZone', value: 'America/Los_Angeles' });
    expect((await api.send('system.today', {})).today).toBe('2025-03-31');
  });

  it('derives the default quarters of the pages from that day', () => {
    expect(quartersBack('2025-04-01', 2)).toEqual(['2025-Q2', '2025-Q1', '2024-Q4']);
    expect(quartersBack('2025-03-31', 1)).toEqual(['2025-Q1', '2024-Q4']);
    expect(quartersBack('2025-12-31', 0)).toEqual(['2025-Q4']);
  });
});
