import { afterEach, describe, expect, it } from 'vitest';
import { decideDeal, expireDeals, registerDeal } from '../../../electron/domain/deals/dealRegistration';
import { changeContextAt } from '../../../electron/domain/opContext';
import { setSetting } from '../../../electron/domain/system/settingsStore';
import { memoryApi, partnerInput } from '../../helpers/workspace';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

async function setup() {
  const { ws, api } = memoryApi('manager');
  cleanup = () => ws.close();
  // Deal conflicts go to the partner's channel manager.
  const manager = await api.send('channelManagers.create', { name: '王磊', email: 'wanglei@example.com' });
  const a = await api.send('partners.create', partnerInput('PA', { channelManagerId: manager.id }));
  const b = await api.send('partners.create', partnerInput('PB'));
  return { ws, api, a, b };
}
const on = (day: string) => ({ at: new Date(`${day}T10:00:00`) });
const deal = (partnerId: number | null, customerName: string, extra: Record<string, unknown> = {}) => ({
  partnerId, customerName, productLine: 'smart-lock', expectedValueMinor: 1_000_000, ...extra,
});

describe('deal registration conflicts', () => {
  it('approves and protects a first registration, flags the same customer under a differently written name', async () => {
    const { ws, a, b } = await setup();
    const first = registerDeal(changeContextAt(ws, 'u', on('2025-03-01').at), deal(a.id, '上海华信有限公司'));
    expect(first.deal.status).toBe('approved');
    expect(first.deal.protectedUntil).toBe('2025-05-30');
    expect(first.riskId).toBeNull();

    for (const name of ['上海华信有限责任公司', '上海 华信（集团）有限公司', 'ＳＨ上海华信有限公司'.slice(2)]) {
      const r = registerDeal(changeContextAt(ws, 'u', on('2025-03-05').at), deal(b.id, name));
      expect(r.deal.status, name).toBe('conflict');
      expect(r.deal.conflicts).toEqual([expect.objectContaining({ kind: 'customer', registrationId: first.deal.id, partnerCode: 'PA', matchedBy: ['name'] })]);
      expect(r.deal.protectedUntil).toBeNull();
    }
    // a different customer is no conflict
    expect(registerDeal(changeContextAt(ws, 'u', on('2025-03-05').at), deal(b.id, '北京华信有限公司')).deal.status).toBe('approved');
  });

  it('matches by unified social credit code even when the names differ', async () => {
    const { ws, a, b } = await setup();
    registerDeal(changeContextAt(ws, 'u', on('2025-03-01').at), deal(a.id, '华信科技', { customerCreditCode: '91310000MA1FL1234Q' }));
    const r = registerDeal(changeContextAt(ws, 'u', on('2025-03-02').at), deal(b.id, 'Huaxin Technology Co., Ltd.', { customerCreditCode: '91310000ma1fl1234q' }));
    expect(r.deal.status).toBe('conflict');
    expect(r.deal.conflicts[0]).toMatchObject({ kind: 'customer', matchedBy: ['creditCode'] });
  });

  it('counts the direct team as another party, and not the same partner registering again', async () => {
    const { ws, a } = await setup();
    registerDeal(changeContextAt(ws, 'u', on('2025-03-01').at), deal(null, '华信科技有限公司'));
    expect(registerDeal(changeContextAt(ws, 'u', on('2025-03-02').at), deal(a.id, '华信科技有限公司')).deal.status).toBe('conflict');
    const c = registerDeal(changeContextAt(ws, 'u', on('2025-03-02').at), deal(a.id, '东方电子有限公司'));
    expect(c.deal.status).toBe('approved');
    expect(registerDeal(changeContextAt(ws, 'u', on('2025-03-03').at), deal(a.id, '东方电子有限责任公司')).deal.status).toBe('approved');
    expect(registerDeal(changeContextAt(ws, 'u', on('2025-03-03').at), deal(null, '东方电子')).deal.status).toBe('conflict');
  });

  it('looks back only over the configured window, unless the earlier registration is still protected', async () => {
    const { ws, a, b } = await setup();
    setSetting(ws.db, 'deals.conflictWindowDays', 30, new Date());
    setSetting(ws.db, 'deals.protectionDays', 10, new Date());
    registerDeal(changeContextAt(ws, 'u', on('2025-01-01').at), deal(a.id, '华信')); // protected until 2025-01-11
    expect(registerDeal(changeContextAt(ws, 'u', on('2025-01-31').at), deal(b.id, '华信')).deal.status).toBe('conflict'); // 30 days: inside
    // a rejected registration no longer holds the customer
    const held = registerDeal(changeContextAt(ws, 'u', on('2025-01-01').at), deal(b.id, '远方')).deal;
    expect(registerDeal(changeContextAt(ws, 'u', on('2025-01-02').at), deal(a.id, '远方')).deal.status).toBe('conflict');
    decideDeal(changeContextAt(ws, 'u', new Date()), held.id, 'reject', undefined);
    expect(registerDeal(changeContextAt(ws, 'u', on('2025-01-03').at), deal(null, '远方')).deal.conflicts.map((c) => c.kind === 'customer' && c.registrationId)).not.toContain(held.id);
    setSetting(ws.db, 'deals.protectionDays', 365, new Date());
    registerDeal(changeContextAt(ws, 'u', on('2024-01-01').at), deal(a.id, '长城')); // protected until 2024-12-31
    expect(registerDeal(changeContextAt(ws, 'u', on('2024-12-30').at), deal(b.id, '长城')).deal.status).toBe('conflict'); // window passed, protection holds
  });

  it('window boundary: 31 days after an unprotected registration is no conflict', async () => {
    const { ws, a, b } = await setup();
    setSetting(ws.db, 'deals.conflictWindowDays', 30, new Date());
    setSetting(ws.db, 'deals.protectionDays', 10, new Date());
    registerDeal(changeContextAt(ws, 'u', on('2025-01-01').at), deal(a.id, '华信'));
    expect(registerDeal(changeContextAt(ws, 'u', on('2025-02-01').at), deal(b.id, '华信')).deal.status).toBe('approved');
  });

  it('flags a quoted price under the product line floor and raises a price-conflict risk', async () => {
    const { ws, api, a } = await setup();
    setSetting(ws.db, 'deals.priceFloors', { 'smart-lock': 50_000 }, new Date());
    expect(registerDeal(changeContextAt(ws, 'u', on('2025-03-01').at), deal(a.id, '甲', { quotedPriceMinor: 50_000 })).deal.status).toBe('approved');
    expect(registerDeal(changeContextAt(ws, 'u', on('2025-03-01').at), deal(a.id, '乙', { productLine: 'router', quotedPriceMinor: 1 })).deal.status).toBe('approved');
    const r = registerDeal(changeContextAt(ws, 'u', on('2025-03-01').at), deal(a.id, '丙', { quotedPriceMinor: 49_999 }));
    expect(r.deal.status).toBe('conflict');
    expect(r.deal.conflicts).toEqual([{ kind: 'price', productLine: 'smart-lock', quotedPriceMinor: 49_999, floorMinor: 50_000 }]);
    const risk = await api.send('risks.get', { id: r.riskId! });
    expect(risk.risk).toMatchObject({ category: 'price_conflict', source: 'deal', partnerId: a.id, owner: '王磊' });
  });

  it('creates a channel-conflict risk with source deal on a customer conflict, linked to the registration', async () => {
    const { api, a, b } = await setup();
    await api.send('deals.register', deal(a.id, '华信科技有限公司'));
    const c = await api.send('deals.register', deal(b.id, '华信科技有限责任公司'));
    expect(c.status).toBe('conflict');
    expect(c.riskCode).toMatch(/^R-\d{4}$/);
    const risks = (await api.send('risks.list', { sources: ['deal'] })).rows;
    expect(risks).toHaveLength(1);
    expect(risks[0]).toMatchObject({ id: c.riskId, category: 'channel_conflict', partnerCode: 'PB', status: 'open' });
    // the side-by-side view shows the registration it conflicts with
    const side = await api.send('deals.get', { id: c.id });
    expect(side.conflicting.map((d) => [d.partnerCode, d.customerName])).toEqual([['PA', '华信科技有限公司']]);
    // the manager decides: approving protects it and asks for a review of the risk
    const approved = await api.send('deals.decide', { id: c.id, decision: 'approve', note: '客户指定' });
    expect(approved).toMatchObject({ status: 'approved', decidedBy: 'manager', decisionNote: '客户指定' });
    expect(approved.protectedUntil).not.toBeNull();
    expect((await api.send('risks.get', { id: c.riskId! })).risk.reviewRequested).toBe(true);
    await expect(api.send('deals.decide', { id: c.id, decision: 'approve' })).rejects.toThrow(/Cannot approve/);
  });
});

describe('protection expiry', () => {
  it('expires approved registrations whose protection ended before the date, and frees the customer', async () => {
    const { ws, a, b } = await setup();
    setSetting(ws.db, 'deals.protectionDays', 30, new Date());
    setSetting(ws.db, 'deals.conflictWindowDays', 10, new Date());
    const d1 = registerDeal(changeContextAt(ws, 'u', on('2025-01-01').at), deal(a.id, '华信')).deal; // until 2025-01-31
    const d2 = registerDeal(changeContextAt(ws, 'u', on('2025-01-15').at), deal(a.id, '远方')).deal; // until 2025-02-14
    expect(expireDeals(changeContextAt(ws, 'u', new Date()), '2025-01-31').expired).toEqual([]);
    expect(expireDeals(changeContextAt(ws, 'u', new Date()), '2025-02-01').expired).toEqual([d1.id]);
    expect(expireDeals(changeContextAt(ws, 'u', new Date()), '2025-02-01').expired).toEqual([]);
    expect(registerDeal(changeContextAt(ws, 'u', on('2025-02-01').at), deal(b.id, '华信')).deal.status).toBe('approved');
    expect(registerDeal(changeContextAt(ws, 'u', on('2025-02-01').at), deal(b.id, '远方')).deal.status).toBe('conflict');
    // won / lost only after approval
    expect(decideDeal(changeContextAt(ws, 'u', new Date()), d2.id, 'won', undefined).after.status).toBe('won');
    expect(() => decideDeal(changeContextAt(ws, 'u', new Date()), d1.id, 'approve', undefined)).toThrow(/Cannot approve/);
  });
});
