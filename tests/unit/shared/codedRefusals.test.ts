import { describe, expect, it } from 'vitest';
import { openMemoryWorkspace } from '../../../db/database';
import { createApi } from '../../../electron/api/api';
import { ApiError } from '../../../shared/errors';
import { errorText } from '../../../shared/errorMessages';
import { partnerInput } from '../../helpers/workspace';

/**
 * Refusals a channel manager meets every day — a code that does not exist, a code already taken, a change the record's
 * status forbids — reach the window and the command line with a reason and its parameters, so both word them in the
 * reader's language (shared/errorMessages: notFound, alreadyExists, wrongStatus), never as the English message.
 */
async function refusal(p: Promise<unknown>): Promise<ApiError['body']> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(ApiError.is(e), String(e)).toBe(true);
  return (e as ApiError).body;
}

describe('coded refusals', () => {
  it('a partner, plan, fund or payout run that does not exist is named in both languages', async () => {
    const api = createApi({ ws: openMemoryWorkspace(), user: 'tester' });
    const partner = await refusal(api.send('partners.getByCode', { code: 'P404' }));
    expect(partner.code).toBe('NOT_FOUND');
    expect(errorText(partner, 'zh-CN')).toBe('找不到合作伙伴：P404');
    expect(errorText(partner, 'en')).toBe('No partner P404');
    expect(errorText(await refusal(api.send('plans.show', { code: 'PLAN-X' })), 'zh-CN')).toBe('找不到目标计划：PLAN-X');
    expect(errorText(await refusal(api.send('mdf.balance', { fundCode: 'F-404' })), 'zh-CN')).toBe('找不到市场费用基金：F-404');
    expect(errorText(await refusal(api.send('incentives.payouts.get', { runId: 999 })), 'en')).toBe('No payout run 999');
    const empty = await refusal(api.send('plans.create', { code: 'T-1', period: '2031', totalMinor: 100_000_00, rules: { method: 'equal' } } as never));
    expect(errorText(empty, 'zh-CN')).toBe('目标计划的范围内没有合作伙伴（合作中、入驻中或考察期）');
  });

  it('a code already taken and a status that forbids the change say which record and why', async () => {
    const api = createApi({ ws: openMemoryWorkspace(), user: 'tester' });
    await api.send('partners.create', partnerInput('P1'));
    const taken = await refusal(api.send('partners.create', partnerInput('P1')));
    expect(errorText(taken, 'zh-CN')).toBe('合作伙伴 P1 已存在');
    expect(errorText(taken, 'en')).toBe('Partner P1 already exists');

    const fund = await api.send('mdf.funds.add', { code: 'F', name: '展会基金', period: '2031', budgetMinor: 1_000_000 });
    const r = await api.send('mdf.requests.add', { fundCode: fund.code, partnerCode: 'P1', activityType: 'exhibition', startsOn: '2031-03-01', endsOn: '2031-03-03', amountMinor: 100_000, share: 1 });
    await api.send('mdf.requests.reject', { requestId: r.id, reason: '预算不足' });
    const again = await refusal(api.send('mdf.requests.approve', { requestId: r.id }));
    expect(again.code).toBe('CONFLICT');
    expect(errorText(again, 'zh-CN')).toBe(`费用申请 ${r.id} 当前为“已驳回”，只有“待审批”的费用申请才能批准`);
    expect(errorText(again, 'en')).toBe(`Fund request ${r.id} is rejected: only pending ones can be approved`);
    const late = await refusal(api.send('mdf.requests.add', { fundCode: fund.code, partnerCode: 'P1', activityType: 'exhibition', startsOn: '2032-03-01', endsOn: '2032-03-03', amountMinor: 100_000, share: 1 }));
    expect(errorText(late, 'zh-CN')).toBe('活动（2032-03-01 – 2032-03-03）不在基金 F 的期间 2031（2031-01-01 – 2031-12-31）内');
  });
});
