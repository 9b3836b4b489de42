import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/errors';
import { errorText } from '../../../shared/errorMessages';
import { MDF_PROOF_MAX_BYTES } from '../../../electron/model/mdf';
import { largestRemainder } from '../../../electron/domain/mdf/allocations';
import { tempDir } from '../../helpers/workspace';
import { sale } from '../incentives/fixture';
import { LATER, YEAR, mdfSetup, proofFiles } from './fixture';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
const files = () => {
  const t = tempDir('pwb-mdf-');
  cleanups.push(t.cleanup);
  return { dir: t.dir, ...proofFiles(t.dir) };
};
const refusal = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (ApiError.is(e)) return e.body;
    throw e;
  }
  throw new Error('expected a refusal');
};

describe('MDF balances', () => {
  it('stay exact through request, approval (lower, with a share), claim, decision, payment and expiry', async () => {
    const { api, request, balance } = await mdfSetup(100_000);
    const zero = { budgetMinor: 100_000, allocatedMinor: 0, requestedMinor: 0, approvedMinor: 0, claimedMinor: 0, paidMinor: 0, remainingMinor: 100_000, expiredMinor: 0 };
    expect(await balance()).toMatchObject(zero);

    const r1 = await request('P1', 60_001, 0.5); // the fund's half: 30 000.5 fen → 30 001 (half away from zero, once)
    expect(await balance()).toMatchObject({ ...zero, requestedMinor: 30_001 });
    const a1 = await api.send('mdf.requests.approve', { requestId: r1.id, amountMinor: 50_001 }); // lower: 25 000.5 → 25 001
    expect([a1.approvedMinor, a1.committedMinor, a1.claimBy]).toEqual([50_001, 25_001, LATER]);
    expect(await balance()).toMatchObject({ ...zero, approvedMinor: 25_001, remainingMinor: 74_999 });

    const r2 = await request('P2', 40_000);
    await api.send('mdf.requests.reject', { requestId: r2.id, reason: '活动与品牌定位不符' });
    expect(await balance()).toMatchObject({ approvedMinor: 25_001, requestedMinor: 0, remainingMinor: 74_999 });

    const f = files();
    const claim = await api.send('mdf.claims.add', { requestId: r1.id, amountMinor: 24_000, proofs: [{ path: f.paths.pdf }, { path: f.paths.png }] });
    expect(claim.proofs.map((p) => p.mediaType)).toEqual(['application/pdf', 'image/png']);
    expect(await balance()).toMatchObject({ approvedMinor: 25_001, claimedMinor: 24_000, paidMinor: 0, remainingMinor: 74_999 });

    // Approved for less than claimed: what was not spent (25 001 − 23 500) returns to the fund.
    await api.send('mdf.claims.decide', { claimId: claim.id, decision: 'approve', amountMinor: 23_500 });
    expect(await balance()).toMatchObject({ approvedMinor: 23_500, claimedMinor: 23_500, paidMinor: 0, remainingMinor: 76_500 });
    await api.send('mdf.claims.pay', { claimId: claim.id, paymentRef: 'BANK-2026-0001' });
    expect(await balance()).toMatchObject({ approvedMinor: 23_500, claimedMinor: 23_500, paidMinor: 23_500, remainingMinor: 76_500 });

    // An approval never claimed lapses after its deadline and returns to the fund; a claimed one does not.
    const r3 = await request('P2', 10_000);
    await api.send('mdf.requests.approve', { requestId: r3.id, claimBy: `${YEAR}-12-31` });
    expect(await balance()).toMatchObject({ approvedMinor: 33_500, remainingMinor: 66_500 });
    const early = await api.send('mdf.expire', { asOf: `${YEAR}-12-31` });
    expect(early.expired).toEqual([]);
    const lapsed = await api.send('mdf.expire', { asOf: `${YEAR + 1}-01-01` });
    expect(lapsed.expired).toEqual([{ requestId: r3.id, fundCode: 'F', partnerCode: 'P2', returnedMinor: 10_000 }]);
    expect(await balance()).toMatchObject({ approvedMinor: 23_500, claimedMinor: 23_500, paidMinor: 23_500, remainingMinor: 76_500, expiredMinor: 10_000 });
    expect((await api.send('mdf.expire', { asOf: `${YEAR + 2}-01-01` })).expired).toEqual([]);

    const detail = await api.send('mdf.funds.get', { fundCode: 'F' });
    const last = detail.burnDown.at(-1)!;
    expect([last.approvedMinor, last.paidMinor, last.remainingMinor]).toEqual([23_500, 23_500, 76_500]);
  });

  it('refuses an approval above the remaining balance, and a claim above approved × share', async () => {
    const { api, request, balance } = await mdfSetup(50_000);
    const r1 = await request('P1', 30_000);
    const r2 = await request('P2', 30_000);
    await api.send('mdf.requests.approve', { requestId: r1.id });
    const over = await refusal(api.send('mdf.requests.approve', { requestId: r2.id }));
    expect(over.code).toBe('CONFLICT');
    expect(over.message).toContain('¥200.00');
    expect((await api.send('mdf.requests.get', { id: r2.id })).status).toBe('pending');
    await api.send('mdf.requests.approve', { requestId: r2.id, amountMinor: 20_000 });
    expect(await balance()).toMatchObject({ approvedMinor: 50_000, remainingMinor: 0 });

    const r3 = await request('P1', 100, 0.5);
    expect((await refusal(api.send('mdf.requests.approve', { requestId: r3.id }))).code).toBe('CONFLICT');

    const f = files();
    const big = await refusal(api.send('mdf.claims.add', { requestId: r1.id, amountMinor: 30_001, proofs: [{ path: f.paths.pdf }] }));
    expect(big.message).toContain('more than the request allows');
    expect(errorText(big, 'zh-CN')).toBe('核销金额 ¥300.01 超过可核销上限：批准费用 ¥300.00 × 公司承担比例 1 = ¥300.00');
    expect(errorText(over, 'zh-CN')).toBe('批准 ¥300.00 将超支：基金 F 可用余额仅剩 ¥200.00');
    expect((await api.send('mdf.claims.list', { requestId: r1.id })).length).toBe(0);
  });

  it('refuses requests outside the fund: scope, activity type, period, closed fund', async () => {
    const { api, request } = await mdfSetup();
    await api.send('mdf.funds.add', { code: 'DLR', name: '经销商促销', period: String(YEAR), budgetMinor: 1000, channelType: 'dealer', activityTypes: ['promotion'], claimDeadline: LATER });
    const base = { fundCode: 'DLR', activityType: 'promotion' as const, startsOn: `${YEAR}-05-01`, endsOn: `${YEAR}-05-02`, amountMinor: 100 };
    expect((await refusal(api.send('mdf.requests.add', { ...base, partnerCode: 'P3' }))).message).toContain('outside');
    expect((await refusal(api.send('mdf.requests.add', { ...base, partnerCode: 'P1', activityType: 'exhibition' }))).message).toContain('does not pay for');
    expect((await refusal(api.send('mdf.requests.add', { ...base, partnerCode: 'P1', startsOn: `${YEAR + 1}-01-05`, endsOn: `${YEAR + 1}-01-06` }))).message).toContain('outside fund');
    expect((await api.send('mdf.requests.add', { ...base, partnerCode: 'P1' })).status).toBe('pending');
    const f = await api.send('mdf.funds.list', {});
    await api.send('mdf.funds.update', { fundId: f.find((x) => x.code === 'F')!.id, status: 'closed' });
    expect((await refusal(request('P1', 100))).code).toBe('CONFLICT');
  });

  it('keeps allocations: pro rata to last period\'s revenue exact to the fen, and an approval within the partner\'s allocation', async () => {
    const { ws, api, ids, request } = await mdfSetup(100_000);
    // Revenue last year 1 : 1 : 1 (P3 is a distributor, in scope: the fund has no channel filter) — 100 000 / 3 by largest remainder.
    for (const p of ['P1', 'P2', 'P3']) sale(ws, ids[p], `${YEAR - 1}-06-01`, 7_000_000);
    sale(ws, ids.P1, `${YEAR}-06-01`, 99_999_999); // this year's sales are not the basis
    const fund = (await api.send('mdf.funds.list', {}))[0];
    const allocs = await api.send('mdf.allocate', { fundId: fund.id, method: 'pro_rata' });
    expect(allocs.map((a) => [a.partnerCode, a.amountMinor, a.basisPeriod])).toEqual([
      ['P1', 33_334, String(YEAR - 1)],
      ['P2', 33_333, String(YEAR - 1)],
      ['P3', 33_333, String(YEAR - 1)],
    ]);
    expect((await api.send('mdf.balance', { fundCode: 'F' })).allocatedMinor).toBe(100_000);
    const r = await request('P2', 33_334);
    expect((await refusal(api.send('mdf.requests.approve', { requestId: r.id }))).message).toContain("P2's allocation");
    await api.send('mdf.requests.approve', { requestId: r.id, amountMinor: 33_333 });
    // An allocation cannot drop below what its partner already has approved.
    expect((await refusal(api.send('mdf.allocate', { fundId: fund.id, method: 'manual', allocations: [{ partnerCode: 'P2', amountMinor: 100 }] }))).code).toBe('CONFLICT');
    expect((await refusal(api.send('mdf.allocate', { fundId: fund.id, method: 'manual', allocations: [{ partnerCode: 'P1', amountMinor: 40_000 }] }))).message).toContain('more than');
  });

  it('largest remainder: adds up to the amount, the leftover fen to the largest remainders, ties to the larger weight', () => {
    const r = largestRemainder(1000, [
      { key: 'a', weight: 1 },
      { key: 'b', weight: 1 },
      { key: 'c', weight: 1 },
    ]);
    expect([...r.values()]).toEqual([334, 333, 333]);
    const w = largestRemainder(10, [
      { key: 'x', weight: 2 },
      { key: 'y', weight: 3 },
      { key: 'z', weight: 0 },
      { key: 'v', weight: 1 },
    ]);
    // 10 × 2/6 = 3.33, × 3/6 = 5, × 1/6 = 1.67 → 3, 5, 0, 2
    expect(Object.fromEntries(w)).toEqual({ x: 3, y: 5, z: 0, v: 2 });
    const big = largestRemainder(9_007_199_254_740, [
      { key: 1, weight: 7_000_000_001 },
      { key: 2, weight: 3 },
    ]);
    expect([...big.values()].reduce((s, v) => s + v, 0)).toBe(9_007_199_254_740);
  });
});

describe('MDF proof files', () => {
  it('refuses a forbidden type judged by content (an .exe renamed .pdf) and a file above the limit, storing nothing', async () => {
    const { api, ws, request } = await mdfSetup();
    const r = await request('P1', 1000);
    await api.send('mdf.requests.approve', { requestId: r.id });
    const f = files();
    const exe = await refusal(api.send('mdf.claims.add', { requestId: r.id, amountMinor: 500, proofs: [{ path: f.paths.pdf }, { path: f.paths.exe }] }));
    expect(exe.message).toContain('invoice.pdf');
    expect(exe.message).toContain('not a PDF');
    expect(errorText(exe, 'zh-CN')).toContain('凭证文件 invoice.pdf 不是 PDF');
    const huge = join(f.dir, 'scan.pdf');
    writeFileSync(huge, Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(MDF_PROOF_MAX_BYTES)]));
    const tooBig = await refusal(api.send('mdf.claims.add', { requestId: r.id, amountMinor: 500, proofs: [{ path: huge }] }));
    expect(tooBig.message).toMatch(/scan\.pdf is 10\.0 MB; the limit is 10 MB/);
    expect(errorText(tooBig, 'zh-CN')).toBe('凭证文件 scan.pdf 大小为 10.0 MB，每个文件不能超过 10 MB');
    expect((ws.sqlite.prepare('select count(*) as n from mdf_proof_files').get() as { n: number }).n).toBe(0);
    expect((ws.sqlite.prepare('select count(*) as n from mdf_claims').get() as { n: number }).n).toBe(0);
    const ok = await api.send('mdf.claims.add', { requestId: r.id, amountMinor: 500, proofs: [{ path: f.paths.pdf }] });
    const back = await api.send('mdf.proofs.get', { id: ok.proofs[0].id });
    expect(Buffer.from(back.dataBase64, 'base64').equals(f.bytes.pdf)).toBe(true);
    expect(back.fileName).toBe('发票.pdf');
  });
});
